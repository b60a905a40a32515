package dev.kontor.translation;

/**
 * The provider cannot do this kind of request at all (e.g. Apertium without a source language, Amazon Translate's
 * real-time API with HTML); a caller should use the next provider of its chain.
 */
public final class NotSupported extends TranslationFailed {

    public NotSupported(String provider, String message) {
        super(provider, "not supported: " + message, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
