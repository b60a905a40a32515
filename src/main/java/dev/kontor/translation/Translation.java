package dev.kontor.translation;

import dev.kontor.shared.LanguageCode;
import java.util.List;

/**
 * A provider's answer.
 *
 * @param texts the translations, in the order of the request's texts
 * @param detectedSource the source language the provider detected or was given (null when it says neither)
 * @param provider the provider's name
 * @param charactersBilled characters the provider counts for this request (its own figure where it reports one)
 */
public record Translation(List<String> texts, LanguageCode detectedSource, String provider, long charactersBilled) {

    public Translation {
        texts = List.copyOf(texts);
    }
}
