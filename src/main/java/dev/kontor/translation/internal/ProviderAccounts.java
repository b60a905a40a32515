package dev.kontor.translation.internal;

import dev.kontor.translation.ProviderAccount;
import dev.kontor.translation.TranslationProviders;
import dev.kontor.translation.Translator;
import dev.kontor.translation.provider.ProviderConfig;
import dev.kontor.translation.provider.TranslatorFactory;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every provider account by name, each with its adapter: the install's environment settings (named after their
 * kind, read-only) and the accounts admins stored. Built adapters are cached per account and version; the version
 * comes from the row on every call, so a change made on another node is picked up at once and nothing here is state
 * another node needs.
 */
@Component
public class ProviderAccounts {

    private static final Logger log = LoggerFactory.getLogger(ProviderAccounts.class);

    private record Built(int version, Translator translator) {}

    private final TranslationProviders environment;
    private final TranslationStore store;
    private final TranslatorFactory factory;
    private final TranslationCredentials credentials;
    private final Map<Long, Built> built = new ConcurrentHashMap<>();

    ProviderAccounts(
            TranslationProviders environment,
            TranslationStore store,
            TranslatorFactory factory,
            TranslationCredentials credentials) {
        this.environment = environment;
        this.store = store;
        this.factory = factory;
        this.credentials = credentials;
    }

    /** Names reserved for the environment's accounts: a stored account may not take a kind's name. */
    public static boolean reserved(String name) {
        return TranslatorFactory.KINDS.contains(name);
    }

    /**
     * Every usable account's adapter by name, in the default chain's order: environment accounts first, then
     * stored ones, self-hosted before cloud ones.
     */
    public Map<String, Translator> usable() {
        Map<String, Translator> out = new LinkedHashMap<>();
        environment.configured().forEach(t -> out.put(t.provider(), t));
        List<TranslationStore.AccountRow> rows = store.accounts().stream()
                .sorted(Comparator.comparing((TranslationStore.AccountRow r) -> !r.selfHosted())
                        .thenComparing(TranslationStore.AccountRow::id))
                .toList();
        for (TranslationStore.AccountRow row : rows) {
            Translator t = adapter(row);
            if (t != null) {
                out.put(row.name(), t);
            }
        }
        built.keySet()
                .retainAll(rows.stream().map(TranslationStore.AccountRow::id).toList());
        return out;
    }

    /** Accounts as admins see them, environment ones first. */
    public List<ProviderAccount> views() {
        List<ProviderAccount> out = new java.util.ArrayList<>();
        environment
                .configured()
                .forEach(t -> out.add(new ProviderAccount(
                        0, t.provider(), t.provider(), null, null, null, null, null, t.selfHosted(), null, null, 0)));
        store.accounts().forEach(r -> out.add(view(r)));
        return out;
    }

    public static ProviderAccount view(TranslationStore.AccountRow r) {
        return new ProviderAccount(
                r.id(),
                r.name(),
                r.kind(),
                r.url(),
                r.region(),
                r.project(),
                r.location(),
                r.model(),
                r.selfHosted(),
                r.keyHint(),
                r.secretHint(),
                r.version());
    }

    private Translator adapter(TranslationStore.AccountRow row) {
        Built b = built.get(row.id());
        if (b != null && b.version() == row.version()) {
            return b.translator();
        }
        try {
            Translator t = factory.build(new ProviderConfig(
                    row.kind(),
                    row.url(),
                    row.region(),
                    row.project(),
                    row.location(),
                    row.model(),
                    row.selfHosted(),
                    credentials.open(row.keySealed()),
                    credentials.open(row.secretSealed())));
            built.put(row.id(), new Built(row.version(), t));
            return t;
        } catch (RuntimeException e) {
            log.warn("Translation provider account {} is not usable: {}", row.name(), e.getMessage());
            return null;
        }
    }
}
