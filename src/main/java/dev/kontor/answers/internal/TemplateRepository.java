package dev.kontor.answers.internal;

import static dev.kontor.answers.db.Tables.TEMPLATE;
import static dev.kontor.answers.db.Tables.TEMPLATE_VARIANT;

import dev.kontor.answers.TemplateView;
import dev.kontor.answers.TemplateView.Variant;
import dev.kontor.answers.db.tables.records.TemplateRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Templates and their language variants. */
@Repository
public class TemplateRepository {

    private final DSLContext db;

    TemplateRepository(DSLContext db) {
        this.db = db;
    }

    /** The template's row as stored, for writing. */
    public record Row(Long clientId, Long storeId, String category, String name, String shortcut) {}

    public long insert(Row r, Instant now) {
        return db.insertInto(TEMPLATE)
                .set(TEMPLATE.CLIENT_ID, r.clientId())
                .set(TEMPLATE.STORE_ID, r.storeId())
                .set(TEMPLATE.CATEGORY, r.category())
                .set(TEMPLATE.NAME, r.name())
                .set(TEMPLATE.SHORTCUT, r.shortcut())
                .set(TEMPLATE.CREATED_AT, now)
                .set(TEMPLATE.UPDATED_AT, now)
                .returning(TEMPLATE.ID)
                .fetchOne(TEMPLATE.ID);
    }

    public void update(long id, Row r, Instant now) {
        db.update(TEMPLATE)
                .set(TEMPLATE.STORE_ID, r.storeId())
                .set(TEMPLATE.CATEGORY, r.category())
                .set(TEMPLATE.NAME, r.name())
                .set(TEMPLATE.SHORTCUT, r.shortcut())
                .set(TEMPLATE.UPDATED_AT, now)
                .where(TEMPLATE.ID.eq(id))
                .execute();
    }

    /** Replaces every variant by those given, all written by a person (no longer machine-translated). */
    public void replaceVariants(long id, Map<String, String> variants, Instant now) {
        db.deleteFrom(TEMPLATE_VARIANT)
                .where(TEMPLATE_VARIANT.TEMPLATE_ID.eq(id))
                .execute();
        variants.forEach((language, body) -> db.insertInto(TEMPLATE_VARIANT)
                .set(TEMPLATE_VARIANT.TEMPLATE_ID, id)
                .set(TEMPLATE_VARIANT.LANGUAGE, language)
                .set(TEMPLATE_VARIANT.BODY, body)
                .set(TEMPLATE_VARIANT.UPDATED_AT, now)
                .execute());
    }

    /** Keeps a machine translation; a variant someone wrote meanwhile wins. */
    public void addMachineVariant(long id, String language, String body, String from, String provider, Instant now) {
        db.insertInto(TEMPLATE_VARIANT)
                .set(TEMPLATE_VARIANT.TEMPLATE_ID, id)
                .set(TEMPLATE_VARIANT.LANGUAGE, language)
                .set(TEMPLATE_VARIANT.BODY, body)
                .set(TEMPLATE_VARIANT.MACHINE_TRANSLATED, true)
                .set(TEMPLATE_VARIANT.TRANSLATED_FROM, from)
                .set(TEMPLATE_VARIANT.PROVIDER, provider)
                .set(TEMPLATE_VARIANT.UPDATED_AT, now)
                .onConflict(TEMPLATE_VARIANT.TEMPLATE_ID, TEMPLATE_VARIANT.LANGUAGE)
                .doNothing()
                .execute();
    }

    public void delete(long id) {
        db.deleteFrom(TEMPLATE).where(TEMPLATE.ID.eq(id)).execute();
    }

    public void used(long id, Instant now) {
        db.update(TEMPLATE)
                .set(TEMPLATE.USAGE_COUNT, TEMPLATE.USAGE_COUNT.plus(1))
                .set(TEMPLATE.LAST_USED_AT, now)
                .where(TEMPLATE.ID.eq(id))
                .execute();
    }

    public Optional<TemplateView> find(long id) {
        return views(db.selectFrom(TEMPLATE).where(TEMPLATE.ID.eq(id)).fetch()).stream()
                .findFirst();
    }

    public Optional<Long> idByName(long clientId, String name) {
        return db.select(TEMPLATE.ID)
                .from(TEMPLATE)
                .where(TEMPLATE.CLIENT_ID.eq(clientId))
                .and(TEMPLATE.NAME.eq(name))
                .fetchOptional(TEMPLATE.ID);
    }

    public Optional<Long> idByShortcut(long clientId, String shortcut) {
        return db.select(TEMPLATE.ID)
                .from(TEMPLATE)
                .where(TEMPLATE.CLIENT_ID.eq(clientId))
                .and(DSL.lower(TEMPLATE.SHORTCUT).eq(shortcut.toLowerCase(java.util.Locale.ROOT)))
                .fetchOptional(TEMPLATE.ID);
    }

    /** The templates of these clients (all when null), by name. */
    public List<TemplateView> ofClients(Collection<Long> clientIds) {
        Condition c = clientIds == null ? DSL.trueCondition() : TEMPLATE.CLIENT_ID.in(clientIds);
        return views(db.selectFrom(TEMPLATE)
                .where(c)
                .orderBy(TEMPLATE.CLIENT_ID, TEMPLATE.NAME)
                .fetch());
    }

    /**
     * A client's templates that fit the store (its own or for every store) and whose name, shortcut, category or
     * text contains the query; exact shortcuts first, then the most used.
     */
    public List<TemplateView> search(long clientId, long storeId, String query, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Condition text = q.isEmpty()
                ? DSL.trueCondition()
                : DSL.lower(TEMPLATE.NAME)
                        .like(like)
                        .or(DSL.lower(TEMPLATE.SHORTCUT).like(like))
                        .or(DSL.lower(TEMPLATE.CATEGORY).like(like))
                        .or(DSL.lower(DSL.replace(TEMPLATE.CATEGORY, DSL.inline("_"), DSL.inline(" ")))
                                .like(like))
                        .or(DSL.exists(DSL.selectOne()
                                .from(TEMPLATE_VARIANT)
                                .where(TEMPLATE_VARIANT.TEMPLATE_ID.eq(TEMPLATE.ID))
                                .and(DSL.lower(TEMPLATE_VARIANT.BODY).like(like))));
        return views(db.selectFrom(TEMPLATE)
                .where(TEMPLATE.CLIENT_ID.eq(clientId))
                .and(TEMPLATE.STORE_ID.isNull().or(TEMPLATE.STORE_ID.eq(storeId)))
                .and(text)
                .orderBy(
                        DSL.when(DSL.lower(TEMPLATE.SHORTCUT).eq(q), 0).otherwise(1),
                        TEMPLATE.USAGE_COUNT.desc(),
                        TEMPLATE.NAME)
                .limit(limit)
                .fetch());
    }

    /** The client's template for a category, the store's own before one for every store, then the most used. */
    public Optional<TemplateView> bestFor(long clientId, long storeId, String category) {
        return views(db.selectFrom(TEMPLATE)
                        .where(TEMPLATE.CLIENT_ID.eq(clientId))
                        .and(TEMPLATE.CATEGORY.eq(category))
                        .and(TEMPLATE.STORE_ID.isNull().or(TEMPLATE.STORE_ID.eq(storeId)))
                        .orderBy(TEMPLATE.STORE_ID.isNull(), TEMPLATE.USAGE_COUNT.desc(), TEMPLATE.ID)
                        .limit(1)
                        .fetch())
                .stream()
                .findFirst();
    }

    private List<TemplateView> views(List<TemplateRecord> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Variant>> variants = new LinkedHashMap<>();
        db.selectFrom(TEMPLATE_VARIANT)
                .where(TEMPLATE_VARIANT.TEMPLATE_ID.in(
                        rows.stream().map(TemplateRecord::getId).toList()))
                .orderBy(TEMPLATE_VARIANT.LANGUAGE)
                .forEach(v -> variants.computeIfAbsent(v.getTemplateId(), k -> new ArrayList<>())
                        .add(new Variant(
                                v.getLanguage(),
                                v.getBody(),
                                v.getMachineTranslated(),
                                v.getTranslatedFrom(),
                                v.getProvider())));
        return rows.stream()
                .map(r -> new TemplateView(
                        r.getId(),
                        r.getClientId(),
                        r.getStoreId(),
                        r.getCategory(),
                        r.getName(),
                        r.getShortcut(),
                        r.getUsageCount(),
                        r.getLastUsedAt(),
                        r.getUpdatedAt(),
                        List.copyOf(variants.getOrDefault(r.getId(), List.of()))))
                .toList();
    }
}
