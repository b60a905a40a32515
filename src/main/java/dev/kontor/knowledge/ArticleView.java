package dev.kontor.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An article with its language variants, the original (first written) first. */
public record ArticleView(
        long id,
        long clientId,
        String visibility,
        String policyKind,
        String externalUrl,
        List<String> categories,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        List<Variant> variants) {

    public record Variant(String language, String title, String body, Instant updatedAt, String updatedBy) {}

    public Optional<Variant> variant(String language) {
        return variants.stream().filter(v -> v.language().equals(language)).findFirst();
    }

    /** The variant in {@code language} when there is one, else the original. */
    public Variant preferred(String language) {
        return language == null ? variants.get(0) : variant(language).orElse(variants.get(0));
    }

    public List<String> languages() {
        return variants.stream().map(Variant::language).toList();
    }

    public boolean isPublic() {
        return Visibility.PUBLIC.key().equals(visibility);
    }

    /** The title in {@code language} or the original's, for lists. */
    public String title(String language) {
        return preferred(language).title();
    }
}
