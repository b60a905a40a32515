package dev.kontor.translation;

import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.translation.internal.ProviderAccounts;
import dev.kontor.translation.internal.TranslationCredentials;
import dev.kontor.translation.internal.TranslationStore;
import dev.kontor.translation.provider.ProviderConfig;
import dev.kontor.translation.provider.TranslatorFactory;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins configure: provider accounts (credentials sealed at rest and never shown back), the install's chain,
 * each client's chain, formality, glossary, whether its texts may leave the house and its monthly cap; and the
 * usage per client, account and month.
 */
@Service
@Transactional
public class TranslationManagement {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,39}$");

    private final TranslationStore store;
    private final ProviderAccounts accounts;
    private final TranslatorFactory factory;
    private final TranslationCredentials credentials;
    private final ClientManagement clients;
    private final Translations translations;
    private final Clock clock;

    TranslationManagement(
            TranslationStore store,
            ProviderAccounts accounts,
            TranslatorFactory factory,
            TranslationCredentials credentials,
            ClientManagement clients,
            Translations translations,
            Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.factory = factory;
        this.credentials = credentials;
        this.clients = clients;
        this.translations = translations;
        this.clock = clock;
    }

    /** The adapters an account may use. */
    public List<String> kinds() {
        return TranslatorFactory.KINDS;
    }

    @Transactional(readOnly = true)
    public List<ProviderAccount> accounts() {
        return accounts.views();
    }

    @Transactional(readOnly = true)
    public ProviderAccount account(long id) {
        return store.account(id)
                .map(ProviderAccounts::view)
                .orElseThrow(() -> new NotFound("translation provider account " + id));
    }

    /** Adds an account ({@code id} null) or changes one; a blank key or secret keeps the stored one. */
    public ProviderAccount saveAccount(Long id, ProviderAccount.Change change) {
        TranslationStore.AccountRow before = id == null
                ? null
                : store.account(id).orElseThrow(() -> new NotFound("translation provider account " + id));
        String name = before != null ? before.name() : strip(change.name());
        List<FieldError> errors = new ArrayList<>();
        if (before == null) {
            if (name == null || !NAME.matcher(name).matches()) {
                errors.add(new FieldError(
                        "name", "use 1 to 40 lower-case letters, digits, '-' or '_', starting with a letter or digit"));
            } else if (ProviderAccounts.reserved(name)) {
                errors.add(new FieldError("name", "is the name of a provider kind, kept for the install's settings"));
            } else if (store.account(name).isPresent()) {
                errors.add(new FieldError("name", "is already used by another account"));
            }
        } else if (change.name() != null
                && !change.name().isBlank()
                && !before.name().equals(change.name().strip())) {
            errors.add(new FieldError("name", "cannot be changed: chains refer to the account by its name"));
        }
        String kind = strip(change.kind());
        String key = strip(change.key());
        String secret = strip(change.secret());
        boolean selfHosted = TranslatorFactory.alwaysCloud(kind == null ? "" : kind)
                ? false
                : !"openai".equals(kind) || Boolean.TRUE.equals(change.selfHosted());
        if ("libretranslate".equals(kind) && change.selfHosted() != null) {
            selfHosted = change.selfHosted();
        }
        ProviderConfig config = new ProviderConfig(
                kind,
                strip(change.url()),
                strip(change.region()),
                strip(change.project()),
                strip(change.location()),
                strip(change.model()),
                selfHosted,
                key,
                secret);
        try {
            factory.check(
                    config,
                    key != null || (before != null && before.keySealed() != null),
                    secret != null || (before != null && before.secretSealed() != null));
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        long saved = store.save(new TranslationStore.AccountRow(
                before == null ? 0 : before.id(),
                name,
                kind,
                config.url(),
                config.region(),
                config.project(),
                config.location(),
                config.model(),
                selfHosted,
                key != null ? credentials.seal(key) : before == null ? null : before.keySealed(),
                key != null ? TranslationCredentials.hint(key) : before == null ? null : before.keyHint(),
                secret != null ? credentials.seal(secret) : before == null ? null : before.secretSealed(),
                secret != null ? TranslationCredentials.hint(secret) : before == null ? null : before.secretHint(),
                before == null ? 1 : before.version()));
        return account(saved);
    }

    /** Removes the account and its place in every chain. */
    public void deleteAccount(long id) {
        if (!store.delete(id)) {
            throw new NotFound("translation provider account " + id);
        }
    }

    @Transactional(readOnly = true)
    public List<ChainEntry> installChain() {
        return store.chain(TranslationStore.INSTALL);
    }

    /** The install's chain; empty: every account, self-hosted ones first. */
    public List<ChainEntry> setInstallChain(List<ChainEntry> chain) {
        checkChain(chain);
        store.replaceChain(TranslationStore.INSTALL, chain);
        return installChain();
    }

    @Transactional(readOnly = true)
    public ClientTranslation client(long clientId) {
        requireClient(clientId);
        return store.settings(clientId);
    }

    public ClientTranslation saveClient(ClientTranslation settings) {
        requireClient(settings.clientId());
        checkChain(settings.chain());
        store.save(settings);
        return store.settings(settings.clientId());
    }

    /** Usage of the month with client names; the install's own tests show as client 0. */
    @Transactional(readOnly = true)
    public List<TranslationUsage> usage(YearMonth month) {
        month = month == null ? currentMonth() : month;
        Map<Long, String> names = clients.clients(ClientScope.everything()).stream()
                .collect(Collectors.toMap(ClientView::id, ClientView::name));
        return store.usage(month).stream()
                .map(u -> new TranslationUsage(
                        u.clientId(),
                        names.getOrDefault(u.clientId(), u.clientId() == 0 ? "-" : "#" + u.clientId()),
                        u.account(),
                        u.month(),
                        u.characters(),
                        u.requests()))
                .toList();
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Clients an admin can configure, by id. */
    @Transactional(readOnly = true)
    public List<ClientView> clients() {
        return clients.clients(ClientScope.everything());
    }

    /**
     * Translates {@code text} as the client (0: with the install's chain) would, so an admin sees which provider
     * answers; failures are thrown as the named {@link TranslationFailed}.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public Translation test(long clientId, TranslationRequest request) {
        if (clientId != TranslationStore.INSTALL) {
            requireClient(clientId);
        }
        return translations.translate(clientId, request);
    }

    private void checkChain(List<ChainEntry> chain) {
        Set<String> known = accounts.views().stream().map(ProviderAccount::name).collect(Collectors.toSet());
        List<FieldError> errors = chain.stream()
                .filter(e -> !known.contains(e.account()))
                .map(e -> new FieldError("chain", "no provider account is named '" + e.account() + "'"))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private void requireClient(long clientId) {
        if (clients.client(clientId).isEmpty()) {
            throw new NotFound("client " + clientId);
        }
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
