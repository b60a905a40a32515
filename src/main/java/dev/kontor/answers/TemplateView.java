package dev.kontor.answers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A template with its language variants; {@code storeId} and {@code category} narrow where it fits (null: any). */
public record TemplateView(
        long id,
        long clientId,
        Long storeId,
        String category,
        String name,
        String shortcut,
        int usageCount,
        Instant lastUsedAt,
        Instant updatedAt,
        List<Variant> variants) {

    /** One language's text; a machine-translated one was made from {@code translatedFrom} and nobody saved it yet. */
    public record Variant(
            String language, String body, boolean machineTranslated, String translatedFrom, String provider) {}

    public Optional<Variant> variant(String language) {
        return variants.stream().filter(v -> v.language().equals(language)).findFirst();
    }

    public List<String> languages() {
        return variants.stream().map(Variant::language).toList();
    }
}
