package dev.kontor.translation;

import java.util.List;

/**
 * The translation lost, repeated or altered an order number, link, amount, address or placeholder that had to pass
 * through untouched, so it is refused rather than sent.
 */
public final class ProtectedTextChanged extends TranslationFailed {

    private final List<String> damaged;

    public ProtectedTextChanged(String provider, List<String> damaged) {
        super(provider, "changed protected text: " + String.join(", ", damaged), null);
        this.damaged = List.copyOf(damaged);
    }

    /** The protected pieces that did not come back exactly once. */
    public List<String> damaged() {
        return damaged;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
