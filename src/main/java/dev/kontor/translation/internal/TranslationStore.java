package dev.kontor.translation.internal;

import static dev.kontor.translation.db.Tables.CHAIN_ENTRY;
import static dev.kontor.translation.db.Tables.CLIENT_SETTING;
import static dev.kontor.translation.db.Tables.PROVIDER_ACCOUNT;
import static dev.kontor.translation.db.Tables.USAGE;

import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.ChainEntry;
import dev.kontor.translation.ClientTranslation;
import dev.kontor.translation.Formality;
import dev.kontor.translation.GlossaryEntry;
import dev.kontor.translation.TranslationUsage;
import dev.kontor.translation.db.tables.records.ProviderAccountRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The translation schema: provider accounts, chains, client settings and usage. Client 0 is the install. */
@Repository
public class TranslationStore {

    public static final long INSTALL = 0;

    /** A stored account with its sealed credentials. */
    public record AccountRow(
            long id,
            String name,
            String kind,
            String url,
            String region,
            String project,
            String location,
            String model,
            boolean selfHosted,
            byte[] keySealed,
            String keyHint,
            byte[] secretSealed,
            String secretHint,
            int version) {}

    private final DSLContext db;
    private final Clock clock;
    private final JsonMapper json;

    TranslationStore(DSLContext db, Clock clock, JsonMapper json) {
        this.db = db;
        this.clock = clock;
        this.json = json;
    }

    public List<AccountRow> accounts() {
        return db.selectFrom(PROVIDER_ACCOUNT).orderBy(PROVIDER_ACCOUNT.ID).fetch(TranslationStore::toRow);
    }

    public Optional<AccountRow> account(long id) {
        return db.selectFrom(PROVIDER_ACCOUNT).where(PROVIDER_ACCOUNT.ID.eq(id)).fetchOptional(TranslationStore::toRow);
    }

    public Optional<AccountRow> account(String name) {
        return db.selectFrom(PROVIDER_ACCOUNT)
                .where(PROVIDER_ACCOUNT.NAME.eq(name))
                .fetchOptional(TranslationStore::toRow);
    }

    /** Inserts (id 0) or updates the account, bumping its version; returns the id. */
    public long save(AccountRow row) {
        ProviderAccountRecord r = row.id() == 0
                ? db.newRecord(PROVIDER_ACCOUNT)
                : db.selectFrom(PROVIDER_ACCOUNT)
                        .where(PROVIDER_ACCOUNT.ID.eq(row.id()))
                        .forUpdate()
                        .fetchSingle();
        r.setName(row.name());
        r.setKind(row.kind());
        r.setUrl(row.url());
        r.setRegion(row.region());
        r.setProject(row.project());
        r.setLocation(row.location());
        r.setModel(row.model());
        r.setSelfHosted(row.selfHosted());
        r.setKeySealed(row.keySealed());
        r.setKeyHint(row.keyHint());
        r.setSecretSealed(row.secretSealed());
        r.setSecretHint(row.secretHint());
        r.setVersion(row.id() == 0 ? 1 : r.getVersion() + 1);
        r.setUpdatedAt(clock.instant());
        r.store();
        return r.getId();
    }

    /** Removes the account and every chain entry that names it. */
    public boolean delete(long id) {
        Optional<AccountRow> row = account(id);
        row.ifPresent(a -> db.deleteFrom(CHAIN_ENTRY)
                .where(CHAIN_ENTRY.ACCOUNT.eq(a.name()))
                .execute());
        return db.deleteFrom(PROVIDER_ACCOUNT).where(PROVIDER_ACCOUNT.ID.eq(id)).execute() > 0;
    }

    public List<ChainEntry> chain(long clientId) {
        return db.selectFrom(CHAIN_ENTRY)
                .where(CHAIN_ENTRY.CLIENT_ID.eq(clientId))
                .orderBy(CHAIN_ENTRY.POSITION)
                .fetch(r -> new ChainEntry(r.getAccount(), language(r.getSourceLang()), language(r.getTargetLang())));
    }

    public void replaceChain(long clientId, List<ChainEntry> entries) {
        db.deleteFrom(CHAIN_ENTRY).where(CHAIN_ENTRY.CLIENT_ID.eq(clientId)).execute();
        for (int i = 0; i < entries.size(); i++) {
            ChainEntry e = entries.get(i);
            db.insertInto(CHAIN_ENTRY)
                    .set(CHAIN_ENTRY.CLIENT_ID, clientId)
                    .set(CHAIN_ENTRY.POSITION, i)
                    .set(CHAIN_ENTRY.ACCOUNT, e.account())
                    .set(
                            CHAIN_ENTRY.SOURCE_LANG,
                            e.source() == null ? null : e.source().value())
                    .set(
                            CHAIN_ENTRY.TARGET_LANG,
                            e.target() == null ? null : e.target().value())
                    .execute();
        }
    }

    /** The client's settings with its own chain (empty when it uses the install's). */
    public ClientTranslation settings(long clientId) {
        List<ChainEntry> chain = chain(clientId);
        return db.selectFrom(CLIENT_SETTING)
                .where(CLIENT_SETTING.CLIENT_ID.eq(clientId))
                .fetchOptional(r -> new ClientTranslation(
                        clientId,
                        chain,
                        formality(r.getFormality()),
                        glossary(r.getGlossary()),
                        r.getAllowCloud(),
                        r.getMonthlyCap()))
                .orElseGet(() -> new ClientTranslation(clientId, chain, Map.of(), List.of(), true, null));
    }

    public void save(ClientTranslation s) {
        Map<String, String> formality = new LinkedHashMap<>();
        s.formality().forEach((k, v) -> formality.put(k.value(), v.name()));
        List<Map<String, String>> glossary = new ArrayList<>();
        s.glossary().forEach(g -> glossary.add(Map.of("source", g.source(), "target", g.target())));
        JSONB f = JSONB.valueOf(json.writeValueAsString(formality));
        JSONB g = JSONB.valueOf(json.writeValueAsString(glossary));
        db.insertInto(CLIENT_SETTING)
                .set(CLIENT_SETTING.CLIENT_ID, s.clientId())
                .set(CLIENT_SETTING.ALLOW_CLOUD, s.allowCloud())
                .set(CLIENT_SETTING.MONTHLY_CAP, s.monthlyCap())
                .set(CLIENT_SETTING.FORMALITY, f)
                .set(CLIENT_SETTING.GLOSSARY, g)
                .set(CLIENT_SETTING.UPDATED_AT, clock.instant())
                .onConflict(CLIENT_SETTING.CLIENT_ID)
                .doUpdate()
                .set(CLIENT_SETTING.ALLOW_CLOUD, s.allowCloud())
                .set(CLIENT_SETTING.MONTHLY_CAP, s.monthlyCap())
                .set(CLIENT_SETTING.FORMALITY, f)
                .set(CLIENT_SETTING.GLOSSARY, g)
                .set(CLIENT_SETTING.UPDATED_AT, clock.instant())
                .execute();
        replaceChain(s.clientId(), s.chain());
    }

    /** Characters the client used in the month, all providers together. */
    public long used(long clientId, YearMonth month) {
        Long sum = db.select(DSL.sum(USAGE.CHARACTERS).cast(Long.class))
                .from(USAGE)
                .where(USAGE.CLIENT_ID.eq(clientId), USAGE.MONTH.eq(month.atDay(1)))
                .fetchOne(0, Long.class);
        return sum == null ? 0 : sum;
    }

    /** Adds to the month's count in one statement, so concurrent calls on any node never lose a count. */
    public void count(long clientId, String account, YearMonth month, long characters) {
        LocalDate first = month.atDay(1);
        db.insertInto(USAGE)
                .set(USAGE.CLIENT_ID, clientId)
                .set(USAGE.ACCOUNT, account)
                .set(USAGE.MONTH, first)
                .set(USAGE.CHARACTERS, characters)
                .set(USAGE.REQUESTS, 1L)
                .onConflict(USAGE.CLIENT_ID, USAGE.ACCOUNT, USAGE.MONTH)
                .doUpdate()
                .set(USAGE.CHARACTERS, USAGE.CHARACTERS.plus(characters))
                .set(USAGE.REQUESTS, USAGE.REQUESTS.plus(1L))
                .execute();
    }

    /** Usage rows of the month; the client name is filled in by the caller. */
    public List<TranslationUsage> usage(YearMonth month) {
        return db.selectFrom(USAGE)
                .where(USAGE.MONTH.eq(month.atDay(1)))
                .orderBy(USAGE.CLIENT_ID, USAGE.ACCOUNT)
                .fetch(r -> new TranslationUsage(
                        r.getClientId(), null, r.getAccount(), month, r.getCharacters(), r.getRequests()));
    }

    private Map<LanguageCode, Formality> formality(JSONB value) {
        Map<String, String> raw = json.readValue(value.data(), new TypeReference<Map<String, String>>() {});
        Map<LanguageCode, Formality> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(new LanguageCode(k), Formality.valueOf(v)));
        return out;
    }

    private List<GlossaryEntry> glossary(JSONB value) {
        List<Map<String, String>> raw = json.readValue(value.data(), new TypeReference<List<Map<String, String>>>() {});
        return raw.stream()
                .map(m -> new GlossaryEntry(m.get("source"), m.get("target")))
                .toList();
    }

    private static LanguageCode language(String code) {
        return code == null ? null : new LanguageCode(code);
    }

    private static AccountRow toRow(ProviderAccountRecord r) {
        return new AccountRow(
                r.getId(),
                r.getName(),
                r.getKind(),
                r.getUrl(),
                r.getRegion(),
                r.getProject(),
                r.getLocation(),
                r.getModel(),
                r.getSelfHosted(),
                r.getKeySealed(),
                r.getKeyHint(),
                r.getSecretSealed(),
                r.getSecretHint(),
                r.getVersion());
    }
}
