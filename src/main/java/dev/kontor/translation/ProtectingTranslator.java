package dev.kontor.translation;

import java.util.ArrayList;
import java.util.List;

/**
 * A provider with {@link Untouchables} around it: untouchables go out as tokens and must come back exactly once,
 * or the whole translation is refused with {@link ProtectedTextChanged}.
 */
public final class ProtectingTranslator implements Translator {

    private final Translator provider;

    public ProtectingTranslator(Translator provider) {
        this.provider = provider;
    }

    @Override
    public String provider() {
        return provider.provider();
    }

    @Override
    public boolean selfHosted() {
        return provider.selfHosted();
    }

    @Override
    public Translation translate(TranslationRequest request) {
        Untouchables untouchables = Untouchables.keeping(request.glossary());
        List<Untouchables.Masked> masked = request.texts().stream()
                .map(t -> untouchables.protect(t, request.format()))
                .toList();
        Translation raw = provider.translate(
                request.withTexts(masked.stream().map(Untouchables.Masked::text).toList()));
        if (raw.texts().size() != masked.size()) {
            throw new UnusableAnswer(provider(), raw.texts().size() + " translations for " + masked.size() + " texts");
        }
        List<String> restored = new ArrayList<>(masked.size());
        for (int i = 0; i < masked.size(); i++) {
            restored.add(Untouchables.restore(raw.texts().get(i), masked.get(i), provider()));
        }
        return new Translation(restored, raw.detectedSource(), raw.provider(), raw.charactersBilled());
    }
}
