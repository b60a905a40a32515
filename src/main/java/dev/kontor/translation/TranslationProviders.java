package dev.kontor.translation;

import java.util.List;
import java.util.Optional;

/**
 * The translation providers this install has settings for, each wrapped in {@link ProtectingTranslator} so no
 * caller can send text past the protection of order numbers, links and placeholders.
 */
public final class TranslationProviders {

    private final List<Translator> translators;

    public TranslationProviders(List<Translator> adapters) {
        this.translators =
                adapters.stream().<Translator>map(ProtectingTranslator::new).toList();
    }

    /** All configured providers, self-hosted ones first. */
    public List<Translator> configured() {
        return translators;
    }

    /** The provider of that name, if configured. */
    public Optional<Translator> named(String provider) {
        return translators.stream().filter(t -> t.provider().equals(provider)).findFirst();
    }

    /** Only providers that keep texts in the house, for clients that allow no others. */
    public List<Translator> selfHosted() {
        return translators.stream().filter(Translator::selfHosted).toList();
    }

    public boolean any() {
        return !translators.isEmpty();
    }
}
