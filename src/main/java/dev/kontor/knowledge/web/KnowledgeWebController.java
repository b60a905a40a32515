package dev.kontor.knowledge.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.knowledge.ArticleView;
import dev.kontor.knowledge.KnowledgeBase;
import dev.kontor.knowledge.KnowledgeBase.ArticleFilter;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.knowledge.KnowledgeTransfer;
import dev.kontor.knowledge.KnowledgeTransfer.ArticleSet;
import dev.kontor.knowledge.PolicyKind;
import dev.kontor.knowledge.RevisionView;
import dev.kontor.knowledge.Visibility;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.triage.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The knowledge-base pages for supervisors and admins: a client's articles filtered and searched, an article with
 * its language variants, a variant's revisions with restore, and JSON or CSV export and import. Only clients the
 * viewer serves are offered; another client's article answers 404.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
class KnowledgeWebController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KnowledgeBase knowledge;
    private final KnowledgeTransfer transfer;
    private final ClientManagement clients;

    KnowledgeWebController(KnowledgeBase knowledge, KnowledgeTransfer transfer, ClientManagement clients) {
        this.knowledge = knowledge;
        this.transfer = transfer;
        this.clients = clients;
    }

    /** One variant row of the article form. */
    record VariantRow(String language, String title, String body) {}

    @GetMapping("/knowledge")
    String page(
            CurrentUser user,
            @RequestParam(required = false) Long client,
            @RequestParam(required = false) String visibility,
            @RequestParam(required = false) String policyKind,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String language,
            @RequestParam(defaultValue = "") String q,
            Model model) {
        List<ClientView> mine = clients.clients(user.scope());
        ClientView shown = mine.stream()
                .filter(c -> client == null || c.id() == client)
                .findFirst()
                .orElse(null);
        model.addAttribute("clients", mine);
        model.addAttribute("client", shown);
        model.addAttribute("filter", new ArticleFilter(visibility, policyKind, category, null, language));
        model.addAttribute("q", q);
        model.addAttribute("reader", user.locale());
        options(model);
        if (shown != null) {
            if (q.isBlank()) {
                model.addAttribute(
                        "articles",
                        knowledge.articles(
                                user.scope(),
                                shown.id(),
                                new ArticleFilter(visibility, policyKind, category, null, language)));
            } else {
                model.addAttribute(
                        "hits", knowledge.search(user.scope(), shown.id(), q, category, List.of(user.locale()), 100));
            }
        }
        return "knowledge/articles";
    }

    @GetMapping("/knowledge/articles/new")
    String newArticle(CurrentUser user, @RequestParam long client, Model model) {
        ArticleView blank =
                new ArticleView(0, client, "internal", "none", null, List.of(), List.of(), null, null, List.of());
        return form(user, blank, rows(blank), model);
    }

    @GetMapping("/knowledge/articles/{id}")
    String article(CurrentUser user, @PathVariable long id, Model model) {
        ArticleView a = knowledge.article(id, user.scope());
        return form(user, a, rows(a), model);
    }

    @PostMapping("/knowledge/articles")
    String create(CurrentUser user, @RequestParam MultiValueMap<String, String> form, Model model) {
        SaveArticle command = command(form);
        try {
            ArticleView a = knowledge.create(user.scope(), author(user), command);
            return "redirect:/knowledge/articles/" + a.id() + "?saved";
        } catch (InvalidInput e) {
            return failed(user, 0, command, e, model);
        }
    }

    @PostMapping("/knowledge/articles/{id}")
    String update(
            CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> form, Model model) {
        SaveArticle command = command(form);
        try {
            knowledge.update(id, user.scope(), author(user), command);
            return "redirect:/knowledge/articles/" + id + "?saved";
        } catch (InvalidInput e) {
            return failed(user, id, command, e, model);
        }
    }

    @PostMapping("/knowledge/articles/{id}/delete")
    String delete(CurrentUser user, @PathVariable long id) {
        long client = knowledge.article(id, user.scope()).clientId();
        knowledge.delete(id, user.scope());
        return "redirect:/knowledge?client=" + client;
    }

    @GetMapping("/knowledge/articles/{id}/revisions")
    String revisions(
            CurrentUser user, @PathVariable long id, @RequestParam(required = false) String language, Model model) {
        ArticleView a = knowledge.article(id, user.scope());
        List<RevisionView> revisions = knowledge.revisions(id, language, user.scope());
        model.addAttribute("article", a);
        model.addAttribute("language", language);
        model.addAttribute("revisions", revisions);
        model.addAttribute("client", client(user, a.clientId()));
        return "knowledge/revisions";
    }

    @PostMapping("/knowledge/articles/{id}/revisions/{revisionId}/restore")
    String restore(CurrentUser user, @PathVariable long id, @PathVariable long revisionId) {
        knowledge.restore(id, revisionId, user.scope(), author(user));
        return "redirect:/knowledge/articles/" + id + "?restored";
    }

    @GetMapping("/knowledge/clients/{clientId}/export.json")
    ResponseEntity<byte[]> exportJson(CurrentUser user, @PathVariable long clientId) {
        byte[] body = JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(transfer.export(clientId, user.scope()))
                .getBytes(StandardCharsets.UTF_8);
        return download(body, MediaType.APPLICATION_JSON, client(user, clientId).key() + "-articles.json");
    }

    @GetMapping("/knowledge/clients/{clientId}/export.csv")
    ResponseEntity<byte[]> exportCsv(CurrentUser user, @PathVariable long clientId) {
        byte[] body = transfer.exportCsv(clientId, user.scope()).getBytes(StandardCharsets.UTF_8);
        return download(
                body,
                new MediaType("text", "csv", StandardCharsets.UTF_8),
                client(user, clientId).key() + "-articles.csv");
    }

    @PostMapping("/knowledge/clients/{clientId}/import")
    String importFile(
            CurrentUser user, @PathVariable long clientId, @RequestParam("file") MultipartFile file, Model model)
            throws IOException {
        String text = new String(file.getBytes(), StandardCharsets.UTF_8);
        try {
            KnowledgeTransfer.Imported done;
            if (text.stripLeading().startsWith("{")) {
                ArticleSet set;
                try {
                    set = JSON.readValue(text, ArticleSet.class);
                } catch (JacksonException e) {
                    throw InvalidInput.of("file", "not the JSON of an article export");
                }
                done = transfer.importSet(clientId, user.scope(), author(user), set);
            } else {
                done = transfer.importCsv(clientId, user.scope(), author(user), text);
            }
            return "redirect:/knowledge?client=" + clientId + "&imported=" + done.created() + "-" + done.updated();
        } catch (InvalidInput e) {
            model.addAttribute("formErrors", messages(e));
            return page(user, clientId, null, null, null, null, "", model);
        }
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }

    private String failed(CurrentUser user, long id, SaveArticle c, InvalidInput e, Model model) {
        model.addAttribute("formErrors", messages(e));
        ArticleView shown = new ArticleView(
                id,
                c.clientId() == null ? 0 : c.clientId(),
                c.visibility(),
                c.policyKind(),
                c.externalUrl(),
                c.categories(),
                c.tags(),
                null,
                null,
                List.of());
        if (id != 0) {
            shown = withClient(knowledge.article(id, user.scope()), shown);
        }
        List<VariantRow> rows = new ArrayList<>();
        c.variants().forEach((l, v) -> rows.add(new VariantRow(l, v.title(), v.body())));
        rows.add(new VariantRow("", "", ""));
        return form(user, shown, rows, model);
    }

    private static ArticleView withClient(ArticleView saved, ArticleView typed) {
        return new ArticleView(
                saved.id(),
                saved.clientId(),
                typed.visibility(),
                typed.policyKind(),
                typed.externalUrl(),
                typed.categories(),
                typed.tags(),
                saved.createdAt(),
                saved.updatedAt(),
                saved.variants());
    }

    private String form(CurrentUser user, ArticleView a, List<VariantRow> rows, Model model) {
        model.addAttribute("article", a);
        model.addAttribute("variants", rows);
        model.addAttribute("client", client(user, a.clientId()));
        options(model);
        return "knowledge/article";
    }

    private static void options(Model model) {
        model.addAttribute(
                "categories",
                Arrays.stream(Category.values()).map(Category::key).toList());
        model.addAttribute(
                "policyKinds",
                Arrays.stream(PolicyKind.values()).map(PolicyKind::key).toList());
        model.addAttribute(
                "visibilities",
                Arrays.stream(Visibility.values()).map(Visibility::key).toList());
    }

    private ClientView client(CurrentUser user, long clientId) {
        return clients.client(clientId)
                .filter(c -> user.scope().permits(c.id()))
                .orElseThrow(() -> new NotFound("client " + clientId));
    }

    private static List<VariantRow> rows(ArticleView a) {
        List<VariantRow> rows = new ArrayList<>(a.variants().stream()
                .map(v -> new VariantRow(v.language(), v.title(), v.body()))
                .toList());
        rows.add(new VariantRow(a.variants().isEmpty() ? "en" : "", "", ""));
        return rows;
    }

    /** The form as a command: variants in the order of the form's {@code lang} fields, then the added one. */
    private static SaveArticle command(MultiValueMap<String, String> form) {
        Map<String, VariantText> variants = new LinkedHashMap<>();
        for (String language : form.getOrDefault("lang", List.of())) {
            variants.put(
                    language, new VariantText(form.getFirst("title." + language), form.getFirst("body." + language)));
        }
        String added = first(form, "newLanguage");
        if (!added.isBlank()
                || !first(form, "newTitle").isBlank()
                || !first(form, "newBody").isBlank()) {
            variants.put(added.strip(), new VariantText(first(form, "newTitle"), first(form, "newBody")));
        }
        String clientId = first(form, "clientId");
        List<String> tags = Arrays.stream(first(form, "tags").split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
        return new SaveArticle(
                clientId.matches("\\d{1,18}") ? Long.valueOf(clientId) : null,
                first(form, "visibility"),
                first(form, "policyKind"),
                first(form, "externalUrl"),
                form.getOrDefault("category", List.of()),
                tags,
                variants);
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v;
    }

    private static Author author(CurrentUser user) {
        return new Author(user.id(), user.displayName());
    }

    private static List<String> messages(InvalidInput e) {
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).toList();
    }
}
