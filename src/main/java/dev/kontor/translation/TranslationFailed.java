package dev.kontor.translation;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a translation did not come back. The subtypes say what a caller may do: try again later with backoff
 * ({@link #retryable()}), or show the reason and let the agent choose.
 */
public abstract sealed class TranslationFailed extends RuntimeException
        permits ProviderRejected,
                QuotaExceeded,
                RateLimited,
                ProviderUnavailable,
                UnusableAnswer,
                ProtectedTextChanged,
                NotSupported,
                TranslationNotConfigured,
                TranslationCapReached {

    private final String provider;

    TranslationFailed(String provider, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }

    /** Whether the same request may succeed later. */
    public abstract boolean retryable();

    /** How long the provider asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
