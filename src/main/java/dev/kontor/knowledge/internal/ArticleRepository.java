package dev.kontor.knowledge.internal;

import static dev.kontor.knowledge.db.Tables.ARTICLE;
import static dev.kontor.knowledge.db.Tables.ARTICLE_VARIANT;
import static dev.kontor.knowledge.db.Tables.REVISION;

import dev.kontor.knowledge.ArticleView;
import dev.kontor.knowledge.ArticleView.Variant;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.knowledge.RevisionView;
import dev.kontor.knowledge.db.tables.records.ArticleRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Articles, their language variants (with the search vector of each) and the revisions of every variant. */
@Repository
public class ArticleRepository {

    private final DSLContext db;

    ArticleRepository(DSLContext db) {
        this.db = db;
    }

    /** The article's row as stored, for writing. */
    public record Row(
            long clientId,
            String visibility,
            String policyKind,
            String externalUrl,
            List<String> categories,
            List<String> tags) {}

    public long insert(Row r, Instant now) {
        return db.insertInto(ARTICLE)
                .set(ARTICLE.CLIENT_ID, r.clientId())
                .set(ARTICLE.VISIBILITY, r.visibility())
                .set(ARTICLE.POLICY_KIND, r.policyKind())
                .set(ARTICLE.EXTERNAL_URL, r.externalUrl())
                .set(ARTICLE.CATEGORIES, r.categories().toArray(String[]::new))
                .set(ARTICLE.TAGS, r.tags().toArray(String[]::new))
                .set(ARTICLE.CREATED_AT, now)
                .set(ARTICLE.UPDATED_AT, now)
                .returning(ARTICLE.ID)
                .fetchOne(ARTICLE.ID);
    }

    public void update(long id, Row r, Instant now) {
        db.update(ARTICLE)
                .set(ARTICLE.VISIBILITY, r.visibility())
                .set(ARTICLE.POLICY_KIND, r.policyKind())
                .set(ARTICLE.EXTERNAL_URL, r.externalUrl())
                .set(ARTICLE.CATEGORIES, r.categories().toArray(String[]::new))
                .set(ARTICLE.TAGS, r.tags().toArray(String[]::new))
                .set(ARTICLE.UPDATED_AT, now)
                .where(ARTICLE.ID.eq(id))
                .execute();
    }

    public void touch(long id, Instant now) {
        db.update(ARTICLE).set(ARTICLE.UPDATED_AT, now).where(ARTICLE.ID.eq(id)).execute();
    }

    public void delete(long id) {
        db.deleteFrom(ARTICLE).where(ARTICLE.ID.eq(id)).execute();
    }

    /**
     * Makes the article's variants exactly those given: changed and new texts are written (each with a revision
     * by {@code author}), unchanged ones stay as they are, languages not given are removed (their revisions stay).
     */
    public void replaceVariants(long id, Map<String, VariantText> variants, Author author, Instant now) {
        Map<String, VariantText> current = new LinkedHashMap<>();
        db.select(ARTICLE_VARIANT.LANGUAGE, ARTICLE_VARIANT.TITLE, ARTICLE_VARIANT.BODY)
                .from(ARTICLE_VARIANT)
                .where(ARTICLE_VARIANT.ARTICLE_ID.eq(id))
                .forEach(r -> current.put(r.value1(), new VariantText(r.value2(), r.value3())));
        db.deleteFrom(ARTICLE_VARIANT)
                .where(ARTICLE_VARIANT.ARTICLE_ID.eq(id))
                .and(ARTICLE_VARIANT.LANGUAGE.notIn(variants.keySet()))
                .execute();
        variants.forEach((language, text) -> {
            if (!text.equals(current.get(language))) {
                write(id, language, text, author, now);
            }
        });
    }

    /** Writes one variant's text (a new language goes last) and keeps it as a revision. */
    public void write(long id, String language, VariantText text, Author author, Instant now) {
        Integer last = db.select(DSL.max(ARTICLE_VARIANT.POSITION))
                .from(ARTICLE_VARIANT)
                .where(ARTICLE_VARIANT.ARTICLE_ID.eq(id))
                .fetchOne(0, Integer.class);
        int position = last == null ? 0 : last + 1;
        String by = author == null ? null : author.name();
        db.insertInto(ARTICLE_VARIANT)
                .set(ARTICLE_VARIANT.ARTICLE_ID, id)
                .set(ARTICLE_VARIANT.LANGUAGE, language)
                .set(ARTICLE_VARIANT.POSITION, position)
                .set(ARTICLE_VARIANT.TITLE, text.title())
                .set(ARTICLE_VARIANT.BODY, text.body())
                .set(ARTICLE_VARIANT.UPDATED_AT, now)
                .set(ARTICLE_VARIANT.UPDATED_BY, by)
                .onConflict(ARTICLE_VARIANT.ARTICLE_ID, ARTICLE_VARIANT.LANGUAGE)
                .doUpdate()
                .set(ARTICLE_VARIANT.TITLE, text.title())
                .set(ARTICLE_VARIANT.BODY, text.body())
                .set(ARTICLE_VARIANT.UPDATED_AT, now)
                .set(ARTICLE_VARIANT.UPDATED_BY, by)
                .execute();
        // Title weighs more than body; both folded, each stemmed with the language's configuration.
        db.execute(
                "update knowledge.article_variant set search ="
                        + " setweight(to_tsvector(knowledge.search_config(language), ?), 'A')"
                        + " || setweight(to_tsvector(knowledge.search_config(language), ?), 'B')"
                        + " where article_id = ? and language = ?",
                SearchText.fold(text.title()),
                SearchText.fold(text.body()),
                id,
                language);
        db.insertInto(REVISION)
                .set(REVISION.ARTICLE_ID, id)
                .set(REVISION.LANGUAGE, language)
                .set(REVISION.TITLE, text.title())
                .set(REVISION.BODY, text.body())
                .set(REVISION.AUTHOR_ID, author == null ? null : author.userId())
                .set(REVISION.AUTHOR_NAME, by)
                .set(REVISION.CREATED_AT, now)
                .execute();
    }

    public Optional<ArticleView> find(long id) {
        return views(db.selectFrom(ARTICLE).where(ARTICLE.ID.eq(id)).fetch()).stream()
                .findFirst();
    }

    /** Articles of these clients (all when null), filtered, newest change first. */
    public List<ArticleView> list(Collection<Long> clientIds, Filter filter) {
        Condition c = clientIds == null ? DSL.trueCondition() : ARTICLE.CLIENT_ID.in(clientIds);
        if (filter.visibility() != null) {
            c = c.and(ARTICLE.VISIBILITY.eq(filter.visibility()));
        }
        if (filter.policyKind() != null) {
            c = c.and(ARTICLE.POLICY_KIND.eq(filter.policyKind()));
        }
        if (filter.category() != null) {
            c = c.and(DSL.condition("{0} = any({1})", DSL.val(filter.category()), ARTICLE.CATEGORIES));
        }
        if (filter.tag() != null) {
            c = c.and(DSL.condition("{0} = any({1})", DSL.val(filter.tag()), ARTICLE.TAGS));
        }
        if (filter.language() != null) {
            c = c.and(DSL.exists(DSL.selectOne()
                    .from(ARTICLE_VARIANT)
                    .where(ARTICLE_VARIANT.ARTICLE_ID.eq(ARTICLE.ID))
                    .and(ARTICLE_VARIANT.LANGUAGE.eq(filter.language()))));
        }
        return views(db.selectFrom(ARTICLE)
                .where(c)
                .orderBy(ARTICLE.UPDATED_AT.desc(), ARTICLE.ID.desc())
                .limit(filter.limit())
                .fetch());
    }

    /** Narrows a listing; null parts do not narrow. */
    public record Filter(
            String visibility, String policyKind, String category, String tag, String language, int limit) {}

    /** The client's policy articles about the category (or about every category); all of them when null. */
    public List<ArticleView> policies(long clientId, String category) {
        Condition about = category == null
                ? DSL.trueCondition()
                : DSL.cardinality(ARTICLE.CATEGORIES)
                        .eq(0)
                        .or(DSL.condition("{0} = any({1})", DSL.val(category), ARTICLE.CATEGORIES));
        return views(db.selectFrom(ARTICLE)
                .where(ARTICLE.CLIENT_ID.eq(clientId))
                .and(ARTICLE.POLICY_KIND.ne("none"))
                .and(about)
                .orderBy(ARTICLE.POLICY_KIND, ARTICLE.ID)
                .fetch());
    }

    /** A variant that matched a search: tier 0 by its language's stemming, 1 by word prefixes, 2 by substring. */
    public record Match(long articleId, String language, int tier, double rank) {}

    /**
     * The variants of these clients' articles (all clients when null) that match the query, best first. Full-text
     * search folds and stems the query with every configuration the clients' variants use (an OR of them keeps the
     * GIN index usable); word prefixes catch words still being typed; a substring catches the rest (order numbers,
     * parts of compound words).
     */
    public List<Match> search(Collection<Long> clientIds, String category, String query, int limit) {
        String folded = SearchText.fold(query).strip();
        Condition clients = clientIds == null ? DSL.trueCondition() : ARTICLE.CLIENT_ID.in(clientIds);
        if (category != null) {
            clients = clients.and(DSL.condition("{0} = any({1})", DSL.val(category), ARTICLE.CATEGORIES));
        }
        List<String> configs = db.selectDistinct(
                        DSL.field("knowledge.search_config({0})::text", String.class, ARTICLE_VARIANT.LANGUAGE))
                .from(ARTICLE_VARIANT)
                .join(ARTICLE)
                .on(ARTICLE.ID.eq(ARTICLE_VARIANT.ARTICLE_ID))
                .where(clients)
                .fetch(0, String.class);
        if (configs.isEmpty()) {
            return List.of();
        }
        Field<Object> fts = null;
        for (String config : configs) {
            Field<Object> q = DSL.field(
                    "websearch_to_tsquery(cast({0} as regconfig), {1})",
                    Object.class, DSL.val(config), DSL.val(folded));
            fts = fts == null ? q : DSL.field("({0} || {1})", Object.class, fts, q);
        }
        List<String> words = SearchText.words(folded);
        Field<Object> prefix = words.isEmpty()
                ? DSL.field("''::tsquery", Object.class)
                : DSL.field(
                        "to_tsquery('simple', {0})",
                        Object.class,
                        DSL.val(String.join(
                                " & ", words.stream().map(w -> w + ":*").toList())));
        String like = "%"
                + query.strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
        Condition byFts = DSL.condition("{0} @@ {1}", ARTICLE_VARIANT.SEARCH, fts);
        Condition byPrefix = DSL.condition("{0} @@ {1}", ARTICLE_VARIANT.SEARCH, prefix);
        Condition bySubstring = DSL.lower(ARTICLE_VARIANT.TITLE)
                .like(like)
                .or(DSL.lower(ARTICLE_VARIANT.BODY).like(like));
        Field<Integer> tier =
                DSL.when(byFts, DSL.inline(0)).when(byPrefix, DSL.inline(1)).otherwise(DSL.inline(2));
        Field<Double> rank =
                DSL.field("ts_rank_cd({0}, {1} || {2})", Double.class, ARTICLE_VARIANT.SEARCH, fts, prefix);
        return db.select(ARTICLE_VARIANT.ARTICLE_ID, ARTICLE_VARIANT.LANGUAGE, tier, rank)
                .from(ARTICLE_VARIANT)
                .join(ARTICLE)
                .on(ARTICLE.ID.eq(ARTICLE_VARIANT.ARTICLE_ID))
                .where(clients)
                .and(byFts.or(byPrefix).or(bySubstring))
                .orderBy(tier, rank.desc(), ARTICLE_VARIANT.ARTICLE_ID.desc())
                .limit(limit)
                .fetch(r -> new Match(r.value1(), r.value2(), r.value3(), r.value4() == null ? 0 : r.value4()));
    }

    public List<ArticleView> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return views(db.selectFrom(ARTICLE).where(ARTICLE.ID.in(ids)).fetch());
    }

    public List<RevisionView> revisions(long articleId, String language) {
        return db.selectFrom(REVISION)
                .where(REVISION.ARTICLE_ID.eq(articleId))
                .and(language == null ? DSL.trueCondition() : REVISION.LANGUAGE.eq(language))
                .orderBy(REVISION.ID.desc())
                .fetch(r -> new RevisionView(
                        r.getId(),
                        r.getArticleId(),
                        r.getLanguage(),
                        r.getTitle(),
                        r.getBody(),
                        r.getAuthorId(),
                        r.getAuthorName(),
                        r.getCreatedAt()));
    }

    public Optional<RevisionView> revision(long id) {
        return db.selectFrom(REVISION)
                .where(REVISION.ID.eq(id))
                .fetchOptional(r -> new RevisionView(
                        r.getId(),
                        r.getArticleId(),
                        r.getLanguage(),
                        r.getTitle(),
                        r.getBody(),
                        r.getAuthorId(),
                        r.getAuthorName(),
                        r.getCreatedAt()));
    }

    private List<ArticleView> views(List<ArticleRecord> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Variant>> variants = new LinkedHashMap<>();
        db.select(
                        ARTICLE_VARIANT.ARTICLE_ID,
                        ARTICLE_VARIANT.LANGUAGE,
                        ARTICLE_VARIANT.TITLE,
                        ARTICLE_VARIANT.BODY,
                        ARTICLE_VARIANT.UPDATED_AT,
                        ARTICLE_VARIANT.UPDATED_BY)
                .from(ARTICLE_VARIANT)
                .where(ARTICLE_VARIANT.ARTICLE_ID.in(
                        rows.stream().map(ArticleRecord::getId).toList()))
                .orderBy(ARTICLE_VARIANT.POSITION)
                .forEach(v -> variants.computeIfAbsent(v.value1(), k -> new ArrayList<>())
                        .add(new Variant(v.value2(), v.value3(), v.value4(), v.value5(), v.value6())));
        return rows.stream()
                .map(r -> new ArticleView(
                        r.getId(),
                        r.getClientId(),
                        r.getVisibility(),
                        r.getPolicyKind(),
                        r.getExternalUrl(),
                        List.of(r.getCategories()),
                        List.of(r.getTags()),
                        r.getCreatedAt(),
                        r.getUpdatedAt(),
                        List.copyOf(variants.getOrDefault(r.getId(), List.of()))))
                .filter(a -> !a.variants().isEmpty())
                .toList();
    }
}
