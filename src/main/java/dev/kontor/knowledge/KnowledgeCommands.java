package dev.kontor.knowledge;

import java.util.List;
import java.util.Map;

/** What callers send to write articles. */
public final class KnowledgeCommands {

    private KnowledgeCommands() {}

    /**
     * An article as written. {@code variants} maps a language code to its title and body and replaces the saved
     * ones (in the order given; the first of a new article is its original). Visibility defaults to internal,
     * the policy kind to none.
     */
    public record SaveArticle(
            Long clientId,
            String visibility,
            String policyKind,
            String externalUrl,
            List<String> categories,
            List<String> tags,
            Map<String, VariantText> variants) {}

    public record VariantText(String title, String body) {}

    /** Who writes: recorded on each revision. */
    public record Author(Long userId, String name) {}
}
