package dev.kontor.knowledge;

import dev.kontor.clients.ClientManagement;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.knowledge.internal.ArticleRepository;
import dev.kontor.knowledge.internal.ArticleRepository.Filter;
import dev.kontor.knowledge.internal.ArticleRepository.Row;
import dev.kontor.knowledge.internal.LightMarkdown;
import dev.kontor.knowledge.internal.SearchText;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import dev.kontor.triage.Category;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each client's articles. Reads and writes take the caller's {@link ClientScope}: another client's article does
 * not exist for them. {@link #policiesFor} is for callers that have checked access already (drafts for a ticket).
 */
@Service
@Transactional
public class KnowledgeBase {

    /** Any language code: ISO 639-1 or -3, optionally with a region or script ({@code pt-br}, {@code zh-hant}). */
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[a-z0-9]{2,8})?$");

    static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N}_ -]{0,39}$");
    static final int MAX_TITLE = 300;
    static final int MAX_BODY = 50_000;
    static final int MAX_LIST = 500;

    private final ArticleRepository articles;
    private final ClientManagement clients;
    private final TicketQueries tickets;
    private final Clock clock;

    KnowledgeBase(ArticleRepository articles, ClientManagement clients, TicketQueries tickets, Clock clock) {
        this.articles = articles;
        this.clients = clients;
        this.tickets = tickets;
        this.clock = clock;
    }

    /**
     * The client's policy articles about {@code category} (those listing it, and those about every category; all
     * policy articles when null), each in {@code language} when written in it, else in its original language.
     */
    @Transactional(readOnly = true)
    public List<PolicyArticle> policiesFor(long clientId, String category, String language) {
        String wanted = language == null ? null : language.strip().toLowerCase(Locale.ROOT);
        return articles.policies(clientId, category).stream()
                .map(a -> {
                    ArticleView.Variant v = a.preferred(wanted);
                    return new PolicyArticle(a.id(), a.policyKind(), v.title(), v.body(), v.language());
                })
                .toList();
    }

    /** The articles of the clients the caller serves (or of one of them), narrowed by the filter's parts. */
    @Transactional(readOnly = true)
    public List<ArticleView> articles(ClientScope scope, Long clientId, ArticleFilter filter) {
        ArticleFilter f = filter == null ? ArticleFilter.NONE : filter;
        Filter narrowed = new Filter(
                blankToNull(f.visibility()),
                blankToNull(f.policyKind()),
                blankToNull(f.category()),
                blankToNull(f.tag()),
                language(f.language()),
                MAX_LIST);
        if (clientId != null) {
            return scope.permits(clientId) ? articles.list(List.of(clientId), narrowed) : List.of();
        }
        return articles.list(scope.all() ? null : scope.clientIds(), narrowed);
    }

    /**
     * The articles of the clients the caller serves (or of one of them) that match the query, shown in the first of
     * the reader's languages the article has; those come first, then articles only in other languages. A blank query
     * lists the articles of the category (all when null).
     */
    @Transactional(readOnly = true)
    public List<ArticleHit> search(
            ClientScope scope, Long clientId, String query, String category, List<String> readerLanguages, int limit) {
        List<Long> clientIds;
        if (clientId != null) {
            if (!scope.permits(clientId)) {
                return List.of();
            }
            clientIds = List.of(clientId);
        } else {
            clientIds = scope.all() ? null : List.copyOf(scope.clientIds());
            if (clientIds != null && clientIds.isEmpty()) {
                return List.of();
            }
        }
        List<String> preferred = readerLanguages == null
                ? List.of()
                : readerLanguages.stream()
                        .map(KnowledgeBase::language)
                        .filter(java.util.Objects::nonNull)
                        .toList();
        int max = Math.max(1, Math.min(limit, 100));
        String q = query == null ? "" : query.strip();
        String cat = blankToNull(category);
        List<ArticleHit> hits = new ArrayList<>();
        if (q.isEmpty()) {
            for (ArticleView a : articles.list(clientIds, new Filter(null, null, cat, null, null, max))) {
                hits.add(hit(a, shown(a, preferred, null), List.of()));
            }
        } else {
            if (q.length() > 200) {
                q = q.substring(0, 200);
            }
            Map<Long, ArticleRepository.Match> best = new LinkedHashMap<>();
            for (ArticleRepository.Match m : articles.search(clientIds, null, q, 500)) {
                best.putIfAbsent(m.articleId(), m);
            }
            Map<Long, ArticleView> found = new LinkedHashMap<>();
            articles.findAll(best.keySet()).forEach(a -> found.put(a.id(), a));
            List<String> words = SearchText.words(SearchText.fold(q));
            for (ArticleRepository.Match m : best.values()) {
                ArticleView a = found.get(m.articleId());
                if (a != null) {
                    hits.add(hit(a, shown(a, preferred, m.language()), words));
                }
            }
        }
        // Stable: within each group the order of relevance (or of the listing) stays.
        List<ArticleHit> sorted = new ArrayList<>(hits);
        sorted.sort(java.util.Comparator.comparingInt(h -> preferred.contains(h.language()) ? 0 : 1));
        return sorted.stream().limit(max).toList();
    }

    private static ArticleView.Variant shown(ArticleView a, List<String> preferred, String matched) {
        for (String language : preferred) {
            var v = a.variant(language);
            if (v.isPresent()) {
                return v.get();
            }
        }
        return matched == null ? a.variants().get(0) : a.preferred(matched);
    }

    private static ArticleHit hit(ArticleView a, ArticleView.Variant v, List<String> words) {
        return new ArticleHit(
                a.id(),
                a.clientId(),
                v.language(),
                v.title(),
                excerpt(LightMarkdown.plain(v.body()), words),
                a.visibility(),
                a.policyKind(),
                a.externalUrl(),
                a.categories(),
                a.languages());
    }

    static final int EXCERPT = 220;

    /** About {@value #EXCERPT} characters of the text around the first of the words found in it. */
    static String excerpt(String text, List<String> words) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        String folded = SearchText.fold(flat);
        int at = -1;
        for (String w : words) {
            int i = folded.indexOf(w.length() > 5 ? w.substring(0, 5) : w);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        int start = at < 0 || folded.length() != flat.length() ? 0 : Math.max(0, at - 60);
        if (start > 0) {
            int space = flat.indexOf(' ', start);
            start = space < 0 || space > at ? start : space + 1;
        }
        int end = Math.min(flat.length(), start + EXCERPT);
        int space = flat.lastIndexOf(' ', end);
        if (end < flat.length() && space > start + EXCERPT / 2) {
            end = space;
        }
        return (start > 0 ? "… " : "") + flat.substring(start, end) + (end < flat.length() ? " …" : "");
    }

    /** Narrows {@link #articles}; blank parts do not narrow. */
    public record ArticleFilter(String visibility, String policyKind, String category, String tag, String language) {
        public static final ArticleFilter NONE = new ArticleFilter(null, null, null, null, null);
    }

    @Transactional(readOnly = true)
    public ArticleView article(long id, ClientScope scope) {
        return articles.find(id).filter(a -> scope.permits(a.clientId())).orElseThrow(() -> notFound(id));
    }

    /** A public article of the client, for readers who are not signed in; internal ones do not exist for them. */
    @Transactional(readOnly = true)
    public ArticleView publicArticle(long clientId, long id) {
        return articles.find(id)
                .filter(a -> a.clientId() == clientId && a.isPublic())
                .orElseThrow(() -> notFound(id));
    }

    /** The ticket the panel is for; another client's ticket does not exist for the reader. */
    @Transactional(readOnly = true)
    public TicketView ticket(long ticketId, ClientScope scope) {
        return tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
    }

    /**
     * The ticket's client's articles for its knowledge panel: found as {@link #search} finds them, each with the
     * link and the excerpt an agent may put into the reply, in the customer's language when the article has it.
     * Only a public article (its page) or one with an external address has a link.
     */
    @Transactional(readOnly = true)
    public List<PanelEntry> forTicket(
            long ticketId, ClientScope scope, String query, String category, String readerLanguage, String baseUrl) {
        TicketView t = ticket(ticketId, scope);
        String customer = language(t.language());
        List<ArticleHit> hits = search(
                scope, t.clientId(), query, category, readerLanguage == null ? List.of() : List.of(readerLanguage), 20);
        Map<Long, ArticleView> byId = new LinkedHashMap<>();
        articles.findAll(hits.stream().map(ArticleHit::articleId).toList()).forEach(a -> byId.put(a.id(), a));
        String clientKey = clients.client(t.clientId()).map(c -> c.key()).orElse(null);
        List<PanelEntry> out = new ArrayList<>();
        for (ArticleHit h : hits) {
            ArticleView a = byId.get(h.articleId());
            ArticleView.Variant forCustomer = a.preferred(customer == null ? h.language() : customer);
            String link = a.externalUrl() != null
                    ? a.externalUrl()
                    : a.isPublic() && clientKey != null
                            ? baseUrl + publicPath(clientKey, a.id(), forCustomer.language())
                            : null;
            out.add(new PanelEntry(h, link, quote(forCustomer), forCustomer.language()));
        }
        return out;
    }

    /** An article in the panel: what to show, and what "insert link" and "insert excerpt" put into the reply. */
    public record PanelEntry(ArticleHit hit, String link, String excerpt, String excerptLanguage) {}

    /** Where anyone reads a public article in one language, without signing in. */
    public static String publicPath(String clientKey, long articleId, String language) {
        return "/help/" + clientKey + "/" + articleId + "/" + language;
    }

    /** A public article of the client named by its key, for the public page. */
    @Transactional(readOnly = true)
    public ArticleView publicArticle(String clientKey, long id) {
        long clientId = clients.clientByKey(clientKey).map(c -> c.id()).orElseThrow(() -> notFound(id));
        return publicArticle(clientId, id);
    }

    static final int QUOTE = 1200;

    /** The variant's text without markup for a reply, cut after a paragraph or sentence when long. */
    static String quote(ArticleView.Variant v) {
        String text = LightMarkdown.plain(v.body());
        if (text.length() <= QUOTE) {
            return text;
        }
        String head = text.substring(0, QUOTE);
        int cut = head.lastIndexOf("\n\n");
        if (cut < QUOTE / 3) {
            cut = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n")) + 1;
        }
        return (cut < QUOTE / 3 ? head : head.substring(0, cut)).strip() + " …";
    }

    public ArticleView create(ClientScope scope, Author author, SaveArticle command) {
        Checked c = checked(null, scope, command);
        long id = articles.insert(c.row(), clock.instant());
        articles.replaceVariants(id, c.variants(), author, clock.instant());
        return articles.find(id).orElseThrow();
    }

    /** Saves the article as written; each changed language gets a revision by {@code author}. */
    public ArticleView update(long id, ClientScope scope, Author author, SaveArticle command) {
        ArticleView before = article(id, scope);
        Checked c = checked(before, scope, command);
        articles.update(id, c.row(), clock.instant());
        articles.replaceVariants(id, c.variants(), author, clock.instant());
        return articles.find(id).orElseThrow();
    }

    public void delete(long id, ClientScope scope) {
        article(id, scope);
        articles.delete(id);
    }

    /** The texts the article had in one language (every language when null), newest (the current one) first. */
    @Transactional(readOnly = true)
    public List<RevisionView> revisions(long id, String language, ClientScope scope) {
        article(id, scope);
        return articles.revisions(id, language(language));
    }

    /** Makes an earlier text current again; that is itself a new revision, so the restore can be undone. */
    public ArticleView restore(long articleId, long revisionId, ClientScope scope, Author author) {
        article(articleId, scope);
        RevisionView r = articles.revision(revisionId)
                .filter(x -> x.articleId() == articleId)
                .orElseThrow(() -> new NotFound("revision " + revisionId));
        articles.write(articleId, r.language(), new VariantText(r.title(), r.body()), author, clock.instant());
        articles.touch(articleId, clock.instant());
        return articles.find(articleId).orElseThrow();
    }

    private record Checked(Row row, Map<String, VariantText> variants) {}

    /** Checks a new article as {@link #create} would, writing nothing. */
    void check(ClientScope scope, SaveArticle command) {
        checked(null, scope, command);
    }

    /** Every article of the client, for export; the caller has checked access. */
    List<ArticleView> allOf(long clientId) {
        return articles.list(List.of(clientId), new Filter(null, null, null, null, null, Integer.MAX_VALUE));
    }

    /** The client's article whose original variant is in this language with this title. */
    java.util.Optional<ArticleView> findByOriginal(long clientId, String language, String title) {
        return allOf(clientId).stream()
                .filter(a -> a.variants().get(0).language().equals(language)
                        && a.variants().get(0).title().equals(title))
                .findFirst();
    }

    void requireClient(long clientId, ClientScope scope) {
        if (!scope.permits(clientId) || clients.client(clientId).isEmpty()) {
            throw new NotFound("client " + clientId);
        }
    }

    private Checked checked(ArticleView before, ClientScope scope, SaveArticle c) {
        List<FieldError> errors = new ArrayList<>();
        Long clientId = before != null ? Long.valueOf(before.clientId()) : c.clientId();
        if (clientId == null
                || !scope.permits(clientId)
                || clients.client(clientId).isEmpty()) {
            errors.add(new FieldError("clientId", "unknown client"));
        }
        if (before != null && c.clientId() != null && c.clientId() != before.clientId()) {
            errors.add(new FieldError("clientId", "an article stays with its client"));
        }
        String visibility = blankToNull(c.visibility()) == null
                ? Visibility.INTERNAL.key()
                : c.visibility().strip().toLowerCase(Locale.ROOT);
        if (Visibility.fromKey(visibility).isEmpty()) {
            errors.add(new FieldError("visibility", "internal or public"));
        }
        String kind = blankToNull(c.policyKind()) == null
                ? PolicyKind.NONE.key()
                : c.policyKind().strip().toLowerCase(Locale.ROOT);
        if (PolicyKind.fromKey(kind).isEmpty()) {
            errors.add(
                    new FieldError("policyKind", "one of none, returns, refunds, shipping, warranty, cancellations"));
        }
        String url = blankToNull(c.externalUrl());
        if (url != null && !isWebAddress(url)) {
            errors.add(new FieldError("externalUrl", "an http or https address"));
        }
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        for (String category : c.categories() == null ? List.<String>of() : c.categories()) {
            String key = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
            if (Category.fromKey(key).isEmpty()) {
                errors.add(new FieldError("categories", "unknown category '" + category + "'"));
            } else {
                categories.add(key);
            }
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String tag : c.tags() == null ? List.<String>of() : c.tags()) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (!TAG.matcher(t).matches()) {
                errors.add(new FieldError("tags", "a tag has 1 to 40 letters, digits, spaces, _ or -: '" + tag + "'"));
            } else {
                tags.add(t);
            }
        }
        Map<String, VariantText> variants = new LinkedHashMap<>();
        Map<String, VariantText> given = c.variants() == null ? Map.of() : c.variants();
        given.forEach((code, text) -> {
            String language = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
            String field = "variants." + code;
            if (!LANGUAGE.matcher(language).matches()) {
                errors.add(new FieldError(field, "not a language code (such as en, de or pt-br)"));
                return;
            }
            String title =
                    text == null || text.title() == null ? "" : text.title().strip();
            String body = text == null || text.body() == null ? "" : text.body().strip();
            if (title.isEmpty() && body.isEmpty()) {
                return;
            }
            if (title.isEmpty() || title.length() > MAX_TITLE) {
                errors.add(new FieldError(field + ".title", "must have 1 to " + MAX_TITLE + " characters"));
            }
            if (body.isEmpty() || body.length() > MAX_BODY) {
                errors.add(new FieldError(field + ".body", "must have 1 to " + MAX_BODY + " characters"));
            }
            if (variants.containsKey(language)) {
                errors.add(new FieldError(field, "this language is given twice"));
            }
            variants.put(language, new VariantText(title, body));
        });
        if (variants.isEmpty() && errors.stream().noneMatch(e -> e.field().startsWith("variants"))) {
            errors.add(new FieldError("variants", "an article needs a title and text in at least one language"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Checked(
                new Row(clientId, visibility, kind, url, List.copyOf(categories), List.copyOf(tags)), variants);
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null
                    && url.length() <= 2000;
        } catch (Exception e) {
            return false;
        }
    }

    /** A language code as stored, or null when blank or not one. */
    static String language(String code) {
        if (code == null) {
            return null;
        }
        String l = code.strip().toLowerCase(Locale.ROOT);
        return LANGUAGE.matcher(l).matches() ? l : null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static NotFound notFound(long id) {
        return new NotFound("article " + id);
    }
}
