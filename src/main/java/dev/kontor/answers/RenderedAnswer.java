package dev.kontor.answers;

import java.util.List;

/**
 * A template filled for a ticket.
 *
 * @param text the text with values in; placeholders without a value stay as written
 * @param language the language of the text
 * @param missing placeholders that had no value: the agent fills them in before sending
 * @param machineTranslated the variant was made by the translation service and nobody has saved it yet
 * @param translatedFrom the language a machine-translated variant was made from
 * @param translationProblem why the customer's language could not be made (the text is then in another language)
 */
public record RenderedAnswer(
        long templateId,
        String templateName,
        String text,
        String language,
        List<String> missing,
        boolean machineTranslated,
        String translatedFrom,
        String translationProblem) {

    /** The missing placeholders as written in the template: {@code {{order.tracking_number}}, {{store.signature}}}. */
    public String missingText() {
        return missing.stream().map(m -> "{{" + m + "}}").collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
