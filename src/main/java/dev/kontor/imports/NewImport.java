package dev.kontor.imports;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An import to set up: for which client, into which store and channel (default: the client's first store and its
 * API channel), the name of the helpdesk the export comes from (its ids are kept per source), the file's format
 * ({@code jsonl} or {@code csv}), and whether the messages go through triage, rules and SLA as if new.
 */
public record NewImport(
        @NotNull Long clientId,
        Long storeId,
        Long channelId,

        @Pattern(regexp = "^[a-z0-9][a-z0-9_-]{0,39}$", message = "lower-case letters, digits, - and _ (at most 40)")
        String source,

        @Pattern(regexp = "^(jsonl|csv)$", message = "must be jsonl or csv")
        String format,

        @Size(max = 200) String fileName,
        Boolean runFlow) {

    public NewImport {
        source = source == null || source.isBlank() ? "import" : source.strip();
        format = format == null || format.isBlank() ? "jsonl" : format.strip();
        fileName = fileName == null || fileName.isBlank() ? "import." + format : fileName.strip();
        runFlow = runFlow != null && runFlow;
    }
}
