package dev.kontor.translation;

/**
 * One translation provider. Implementations throw only {@link TranslationFailed} subtypes, so a caller can tell
 * a refused request from a quota, a rate limit or an outage.
 */
public interface Translator {

    /** The provider's name as settings and stored translations know it, e.g. {@code deepl}. */
    String provider();

    /** Whether texts stay on infrastructure the install runs itself (a client may allow only such providers). */
    boolean selfHosted();

    /** The texts translated in order; large batches are split by the adapter to honour the provider's limits. */
    Translation translate(TranslationRequest request);
}
