package dev.kontor.translation;

/** The account's character quota is used up (DeepL 456, Azure 403001, Amazon limit errors); retry after a top-up. */
public final class QuotaExceeded extends TranslationFailed {

    private final String providerMessage;

    public QuotaExceeded(String provider, String providerMessage) {
        super(provider, "quota exceeded: " + providerMessage, null);
        this.providerMessage = providerMessage;
    }

    public String providerMessage() {
        return providerMessage;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
