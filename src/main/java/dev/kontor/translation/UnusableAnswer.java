package dev.kontor.translation;

/**
 * The provider answered, but not with what was asked (not the expected JSON, fewer translations than texts); a
 * chat model may do better on another try.
 */
public final class UnusableAnswer extends TranslationFailed {

    public UnusableAnswer(String provider, String message) {
        super(provider, "unusable answer: " + message, null);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
