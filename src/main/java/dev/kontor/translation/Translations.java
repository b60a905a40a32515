package dev.kontor.translation;

import dev.kontor.shared.LanguageCode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Translation for a client's texts: picks the providers that client may use for the language pair, in the order of
 * its chain, and moves on to the next one when a provider cannot do the request or is down. Callers (reading and
 * writing in tickets, templates) use only this; they never choose a provider themselves.
 */
@Service
public class Translations {

    private final TranslationProviders providers;

    public Translations(TranslationProviders providers) {
        this.providers = providers;
    }

    /**
     * Translates for {@code clientId}. Throws {@link TranslationNotConfigured} when no provider the client may use
     * covers the pair, else the last provider's {@link TranslationFailed} when every one of the chain failed.
     */
    public Translation translate(long clientId, TranslationRequest request) {
        List<Translator> chain = chain(clientId, request.sourceLanguage().orElse(null), request.target());
        if (chain.isEmpty()) {
            throw new TranslationNotConfigured(request.target().value());
        }
        List<TranslationFailed> failures = new ArrayList<>();
        for (Translator t : chain) {
            try {
                return t.translate(request);
            } catch (TranslationFailed e) {
                failures.add(e);
                if (!(e instanceof NotSupported || e instanceof ProviderUnavailable || e instanceof QuotaExceeded)) {
                    throw e;
                }
            }
        }
        throw failures.get(failures.size() - 1);
    }

    /** Whether some provider the client may use translates {@code source} (null: any) into {@code target}. */
    public boolean covers(long clientId, LanguageCode source, LanguageCode target) {
        return !chain(clientId, source, target).isEmpty();
    }

    /** The providers to try, in order. */
    List<Translator> chain(long clientId, LanguageCode source, LanguageCode target) {
        return providers.configured();
    }
}
