package dev.kontor.translation;

/** The provider failed or did not answer in time (HTTP 5xx, connection refused, timeout); try again later. */
public final class ProviderUnavailable extends TranslationFailed {

    public ProviderUnavailable(String provider, String message, Throwable cause) {
        super(provider, "unavailable: " + message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
