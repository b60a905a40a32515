package dev.kontor.translation;

/** No provider the client may use translates into the language asked for (or none is configured at all). */
public final class TranslationNotConfigured extends TranslationFailed {

    public TranslationNotConfigured(String target) {
        super("none", "no translation provider is configured for " + target, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
