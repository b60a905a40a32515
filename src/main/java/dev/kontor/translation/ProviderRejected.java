package dev.kontor.translation;

/**
 * The provider refused the request (HTTP 400/401/403/404: a bad key, an unsupported language pair, a malformed
 * request); the same request will fail again.
 */
public final class ProviderRejected extends TranslationFailed {

    private final int status;
    private final String providerMessage;

    public ProviderRejected(String provider, int status, String providerMessage) {
        super(provider, "refused the request (HTTP " + status + "): " + providerMessage, null);
        this.status = status;
        this.providerMessage = providerMessage;
    }

    public int status() {
        return status;
    }

    /** What the provider said, to show an admin. */
    public String providerMessage() {
        return providerMessage;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
