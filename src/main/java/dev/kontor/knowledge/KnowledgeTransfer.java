package dev.kontor.knowledge;

import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.knowledge.internal.Csv;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's articles exported and imported as JSON or CSV (one row per language variant), for onboarding a client.
 * An import is all or nothing: every entry is checked first, and one bad entry names its place and field and
 * writes nothing. An imported article replaces the client's article with the same original language and title.
 */
@Service
@Transactional
public class KnowledgeTransfer {

    /** The CSV columns, in the order exported. */
    public static final List<String> COLUMNS = List.of(
            "article", "visibility", "policy_kind", "external_url", "categories", "tags", "language", "title", "body");

    private final KnowledgeBase knowledge;

    KnowledgeTransfer(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    /** A client's articles as exported and imported; {@code ref} only groups CSV rows, it is not matched. */
    public record ArticleSet(List<ExportedArticle> articles) {}

    public record ExportedArticle(
            String ref,
            String visibility,
            String policyKind,
            String externalUrl,
            List<String> categories,
            List<String> tags,
            Map<String, VariantText> variants) {}

    public record Imported(int created, int updated) {}

    @Transactional(readOnly = true)
    public ArticleSet export(long clientId, ClientScope scope) {
        knowledge.requireClient(clientId, scope);
        List<ExportedArticle> out = new ArrayList<>();
        List<ArticleView> all = new ArrayList<>(knowledge.allOf(clientId));
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (ArticleView a : all) {
            Map<String, VariantText> variants = new LinkedHashMap<>();
            a.variants().forEach(v -> variants.put(v.language(), new VariantText(v.title(), v.body())));
            out.add(new ExportedArticle(
                    String.valueOf(a.id()),
                    a.visibility(),
                    a.policyKind(),
                    a.externalUrl(),
                    a.categories(),
                    a.tags(),
                    variants));
        }
        return new ArticleSet(out);
    }

    @Transactional(readOnly = true)
    public String exportCsv(long clientId, ClientScope scope) {
        StringBuilder out = new StringBuilder(Csv.line(COLUMNS));
        for (ExportedArticle a : export(clientId, scope).articles()) {
            a.variants()
                    .forEach((language, v) -> out.append(Csv.line(List.of(
                            a.ref(),
                            a.visibility(),
                            a.policyKind(),
                            a.externalUrl() == null ? "" : a.externalUrl(),
                            String.join("|", a.categories()),
                            String.join("|", a.tags()),
                            language,
                            v.title(),
                            v.body()))));
        }
        return out.toString();
    }

    /** Imports the set into the client; errors name the entry, e.g. {@code articles[2].variants.de.title}. */
    public Imported importSet(long clientId, ClientScope scope, Author author, ArticleSet set) {
        List<ExportedArticle> entries = set == null || set.articles() == null ? List.of() : set.articles();
        List<String> places = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            places.add("articles[" + i + "]");
        }
        return write(clientId, scope, author, entries, places, null);
    }

    /**
     * Imports CSV rows (a header naming the columns, then one row per variant; rows with the same {@code article}
     * form one article, whose other columns come from its first row). Errors name the row, e.g. {@code
     * row 4: title}.
     */
    public Imported importCsv(long clientId, ClientScope scope, Author author, String csv) {
        knowledge.requireClient(clientId, scope);
        List<Csv.Row> rows = Csv.parse(csv == null ? "" : csv);
        if (rows.isEmpty()) {
            throw InvalidInput.of("file", "empty: a header row and one row per language variant are needed");
        }
        Map<String, Integer> column = new LinkedHashMap<>();
        List<String> header = rows.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<FieldError> errors = new ArrayList<>();
        for (String needed : List.of("language", "title", "body")) {
            if (!column.containsKey(needed)) {
                errors.add(new FieldError("row 1: " + needed, "the header has no column " + needed));
            }
        }
        for (String name : column.keySet()) {
            if (!COLUMNS.contains(name)) {
                errors.add(new FieldError("row 1: " + name, "unknown column; the columns are " + COLUMNS));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Map<String, ExportedArticle> articles = new LinkedHashMap<>();
        Map<String, String> places = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> variantRows = new LinkedHashMap<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String ref = cell(row, column, "article");
            String key = ref.isEmpty() ? "#" + row.line() : ref;
            String language = cell(row, column, "language").toLowerCase(Locale.ROOT);
            ExportedArticle a = articles.get(key);
            if (a == null) {
                a = new ExportedArticle(
                        ref,
                        cell(row, column, "visibility"),
                        cell(row, column, "policy_kind"),
                        cell(row, column, "external_url"),
                        list(cell(row, column, "categories")),
                        list(cell(row, column, "tags")),
                        new LinkedHashMap<>());
                articles.put(key, a);
                places.put(key, "row " + row.line());
            }
            if (a.variants().containsKey(language)) {
                errors.add(
                        new FieldError("row " + row.line() + ": language", "this article has " + language + " twice"));
            }
            a.variants().put(language, new VariantText(cell(row, column, "title"), cell(row, column, "body")));
            variantRows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(language, row.line());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<String> keys = List.copyOf(articles.keySet());
        List<ExportedArticle> entries = keys.stream().map(articles::get).toList();
        List<String> where = keys.stream().map(places::get).toList();
        List<Map<String, Integer>> rowsOfVariants =
                keys.stream().map(variantRows::get).toList();
        return write(clientId, scope, author, entries, where, rowsOfVariants);
    }

    private Imported write(
            long clientId,
            ClientScope scope,
            Author author,
            List<ExportedArticle> entries,
            List<String> places,
            List<Map<String, Integer>> variantRows) {
        knowledge.requireClient(clientId, scope);
        if (entries.isEmpty()) {
            throw InvalidInput.of("articles", "nothing to import");
        }
        List<FieldError> errors = new ArrayList<>();
        List<SaveArticle> commands = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ExportedArticle e = entries.get(i);
            SaveArticle command = new SaveArticle(
                    clientId,
                    e.visibility(),
                    e.policyKind(),
                    e.externalUrl(),
                    e.categories(),
                    e.tags(),
                    e.variants() == null ? Map.of() : e.variants());
            try {
                knowledge.check(scope, command);
                commands.add(command);
            } catch (InvalidInput bad) {
                for (FieldError f : bad.errors()) {
                    errors.add(new FieldError(place(places.get(i), f.field(), variantRows, i), f.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        int created = 0;
        int updated = 0;
        for (SaveArticle c : commands) {
            var first = c.variants().entrySet().iterator().next();
            var existing = knowledge.findByOriginal(
                    clientId,
                    first.getKey().strip().toLowerCase(Locale.ROOT),
                    first.getValue().title().strip());
            if (existing.isPresent()) {
                knowledge.update(existing.get().id(), scope, author, c);
                updated++;
            } else {
                knowledge.create(scope, author, c);
                created++;
            }
        }
        return new Imported(created, updated);
    }

    /** Where an error is: the JSON entry and field, or the CSV row (of the variant, when it is about one). */
    private static String place(String where, String field, List<Map<String, Integer>> variantRows, int i) {
        if (variantRows == null) {
            return where + "." + field;
        }
        if (field.startsWith("variants.")) {
            String[] parts = field.split("\\.", 3);
            Integer row = variantRows.get(i).get(parts[1].toLowerCase(Locale.ROOT));
            String column = parts.length > 2 ? parts[2] : "language";
            return (row == null ? where : "row " + row) + ": " + column;
        }
        String column = switch (field) {
            case "policyKind" -> "policy_kind";
            case "externalUrl" -> "external_url";
            default -> field;
        };
        return where + ": " + column;
    }

    private static String cell(Csv.Row row, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        return i == null || i >= row.cells().size() ? "" : row.cells().get(i).strip();
    }

    private static List<String> list(String cell) {
        return cell.isBlank()
                ? List.of()
                : Arrays.stream(cell.split("[|,]"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
