package dev.kontor.translation;

import dev.kontor.shared.BatchMemo;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.internal.ProviderAccounts;
import dev.kontor.translation.internal.TranslationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Translation for a client's texts: picks the providers that client may use for the language pair, in the order of
 * its chain, and moves on to the next one when a provider cannot do the request or is down. Callers (reading and
 * writing in tickets, templates) use only this; they never choose a provider themselves.
 *
 * <p>Per call it reads the client's settings: its chain (or the install's; with none at all, every account),
 * whether texts may leave the house, formality per target language, its glossary and monthly cap. A rate-limited or
 * unavailable provider is retried a few times with backoff, honouring its Retry-After, before the next one is tried;
 * the characters sent are counted per client, account and month.
 */
@Service
public class Translations {

    /** Waits between retries; tests replace it so they do not wait. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A provider account of the chain with its adapter. */
    record Step(String account, Translator translator) {}

    private final ProviderAccounts accounts;
    private final TranslationStore store;
    private final TranslationRetrySettings retry;
    private final Clock clock;
    private volatile Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    @Autowired
    Translations(ProviderAccounts accounts, TranslationStore store, TranslationRetrySettings retry, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.retry = retry;
        this.clock = clock;
    }

    void sleepWith(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /**
     * Translates for {@code clientId}. Throws {@link TranslationNotConfigured} when no provider the client may use
     * covers the pair, {@link TranslationCapReached} when the client's monthly cap would be passed, else the last
     * provider's {@link TranslationFailed} when every one of the chain failed.
     */
    public Translation translate(long clientId, TranslationRequest request) {
        ClientTranslation settings = store.settings(clientId);
        List<Step> chain = steps(settings, request.sourceLanguage().orElse(null), request.target());
        if (chain.isEmpty()) {
            throw new TranslationNotConfigured(request.target().value());
        }
        TranslationRequest shaped = shaped(settings, request);
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (settings.monthlyCap() != null) {
            long used = store.used(clientId, month);
            if (used + shaped.characters() > settings.monthlyCap()) {
                Duration left = Duration.between(
                        clock.instant(), month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC));
                throw new TranslationCapReached(clientId, settings.monthlyCap(), used, left);
            }
        }
        List<TranslationFailed> failures = new ArrayList<>();
        for (Step step : chain) {
            try {
                Translation done = withRetries(step.translator(), shaped);
                store.count(
                        clientId,
                        step.account(),
                        month,
                        done.charactersBilled() > 0 ? done.charactersBilled() : shaped.characters());
                return done;
            } catch (TranslationFailed e) {
                failures.add(e);
                if (!(e instanceof NotSupported
                        || e instanceof ProviderUnavailable
                        || e instanceof QuotaExceeded
                        || e instanceof RateLimited)) {
                    throw e;
                }
            }
        }
        throw failures.get(failures.size() - 1);
    }

    /** Whether some provider the client may use translates {@code source} (null: any) into {@code target}. */
    public boolean covers(long clientId, LanguageCode source, LanguageCode target) {
        return BatchMemo.remember(
                List.of("translation.covers", clientId, String.valueOf(source), String.valueOf(target)),
                () -> !chain(clientId, source, target).isEmpty());
    }

    /** The providers to try, in order. */
    List<Translator> chain(long clientId, LanguageCode source, LanguageCode target) {
        return steps(store.settings(clientId), source, target).stream()
                .map(Step::translator)
                .toList();
    }

    /**
     * The client's chain (else the install's, else every account) limited to entries for the pair, to accounts
     * that exist, and to self-hosted ones when the client keeps its texts in the house. An account appears once.
     */
    List<Step> steps(ClientTranslation settings, LanguageCode source, LanguageCode target) {
        Map<String, Translator> usable = accounts.usable();
        List<ChainEntry> entries = settings.chain();
        if (entries.isEmpty()) {
            entries = store.chain(TranslationStore.INSTALL);
        }
        if (entries.isEmpty()) {
            entries = usable.keySet().stream()
                    .map(name -> new ChainEntry(name, null, null))
                    .toList();
        }
        List<Step> steps = new ArrayList<>();
        for (ChainEntry e : entries) {
            Translator t = usable.get(e.account());
            if (t == null || !e.serves(source, target) || (!settings.allowCloud() && !t.selfHosted())) {
                continue;
            }
            if (steps.stream().noneMatch(s -> s.account().equals(e.account()))) {
                steps.add(new Step(e.account(), t));
            }
        }
        return steps;
    }

    /** The client's formality for the target (unless the caller chose one) and its glossary added to the caller's. */
    private static TranslationRequest shaped(ClientTranslation settings, TranslationRequest request) {
        TranslationRequest out = request;
        if (out.formality() == Formality.DEFAULT) {
            out = out.withFormality(settings.formalityFor(request.target()));
        }
        if (!settings.glossary().isEmpty()) {
            List<GlossaryEntry> glossary = new ArrayList<>(request.glossary());
            settings.glossary().stream()
                    .filter(g -> glossary.stream().noneMatch(o -> o.source().equals(g.source())))
                    .forEach(glossary::add);
            out = out.withGlossary(glossary, request.providerGlossary());
        }
        return out;
    }

    private Translation withRetries(Translator translator, TranslationRequest request) {
        Duration backoff = retry.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return translator.translate(request);
            } catch (RateLimited | ProviderUnavailable e) {
                Optional<Duration> asked = e.retryAfter();
                Duration wait = asked.orElse(backoff);
                if (attempt >= retry.attempts() || wait.compareTo(retry.maxWait()) > 0) {
                    throw e;
                }
                pause(wait, e);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private void pause(Duration wait, TranslationFailed cause) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
