package dev.kontor.drafts;

import java.time.Instant;
import java.util.List;

/**
 * A draft reply for an agent to edit or approve; never sent by itself.
 *
 * @param kind {@code model} when a model wrote it, {@code template} when it is the category's template filled in
 * @param fallback why a template draft is not a model's: not configured, forbidden by the client, cloud not
 *     allowed, the model failed, or the ticket has no category with a template (null for model drafts)
 * @param failure the model's failure ({@link ModelFailed.Reason#key()}) when it failed, with {@code failureDetail}
 * @param sources what the draft was written from
 * @param flags what the guardrails found; an agent reads these before using the draft
 */
public record Draft(
        long id,
        long ticketId,
        Kind kind,
        String language,
        String text,
        String model,
        Long templateId,
        String fallback,
        String failure,
        String failureDetail,
        List<Source> sources,
        List<Flag> flags,
        List<String> missing,
        Instant createdAt) {

    public enum Kind {
        TEMPLATE,
        MODEL;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A source: {@code kind} conversation | order | policy | template, {@code ref} its id, {@code label} for people. */
    public record Source(String kind, String ref, String label) {
        public String asText() {
            return kind + ":" + ref;
        }
    }

    /** A guardrail's finding: {@code code} names the rule, {@code detail} the text it found. */
    public record Flag(String code, String detail) {
        public String asText() {
            return code + ":" + detail;
        }
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }
}
