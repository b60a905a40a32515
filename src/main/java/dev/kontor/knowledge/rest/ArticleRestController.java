package dev.kontor.knowledge.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.knowledge.ArticleHit;
import dev.kontor.knowledge.ArticleView;
import dev.kontor.knowledge.KnowledgeBase;
import dev.kontor.knowledge.KnowledgeBase.ArticleFilter;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeTransfer;
import dev.kontor.knowledge.KnowledgeTransfer.ArticleSet;
import dev.kontor.knowledge.RevisionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Knowledge-base articles of the clients the caller serves. Everyone serving a client reads and searches them;
 * supervisors and admins write, restore, export and import. Another client's article answers 404.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Knowledge base")
class ArticleRestController {

    private final KnowledgeBase knowledge;
    private final KnowledgeTransfer transfer;

    ArticleRestController(KnowledgeBase knowledge, KnowledgeTransfer transfer) {
        this.knowledge = knowledge;
        this.transfer = transfer;
    }

    @GetMapping("/articles")
    @Operation(summary = "Articles of the clients the caller serves, or of one client, optionally filtered")
    List<ArticleView> articles(
            CurrentUser user,
            @RequestParam(required = false) Long clientId,
            @RequestParam(required = false) String visibility,
            @RequestParam(required = false) String policyKind,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String language) {
        return knowledge.articles(
                user.scope(), clientId, new ArticleFilter(visibility, policyKind, category, tag, language));
    }

    @GetMapping("/articles/search")
    @Operation(
            summary = "Full-text search in every language of the articles",
            description = "Results in the reader's language (language, else the caller's) come first; a blank q"
                    + " lists the category's articles.")
    List<ArticleHit> search(
            CurrentUser user,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) Long clientId,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String language,
            @RequestParam(defaultValue = "20") int limit) {
        String reader = language == null || language.isBlank() ? user.locale() : language;
        return knowledge.search(user.scope(), clientId, q, category, List.of(reader), limit);
    }

    @GetMapping("/articles/{id}")
    @Operation(summary = "An article with its language variants, the original first")
    ArticleView article(CurrentUser user, @PathVariable long id) {
        return knowledge.article(id, user.scope());
    }

    @PostMapping("/articles")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary = "Create an article",
            description = "variants maps language codes to {title, body} (light markdown); visibility internal or"
                    + " public; policyKind none, returns, refunds, shipping, warranty or cancellations; categories"
                    + " are triage category keys. Errors name the field, e.g. variants.de.title.")
    ArticleView create(CurrentUser user, @RequestBody SaveArticle body) {
        return knowledge.create(user.scope(), author(user), body);
    }

    @PutMapping("/articles/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(summary = "Replace an article; each changed language gets a revision, missing languages are removed")
    ArticleView update(CurrentUser user, @PathVariable long id, @RequestBody SaveArticle body) {
        return knowledge.update(id, user.scope(), author(user), body);
    }

    @DeleteMapping("/articles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    void delete(CurrentUser user, @PathVariable long id) {
        knowledge.delete(id, user.scope());
    }

    @GetMapping("/articles/{id}/revisions")
    @Operation(summary = "Every text the article had, in one language or all, newest (the current one) first")
    List<RevisionView> revisions(
            CurrentUser user, @PathVariable long id, @RequestParam(required = false) String language) {
        return knowledge.revisions(id, language, user.scope());
    }

    @PostMapping("/articles/{id}/revisions/{revisionId}/restore")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(summary = "Make an earlier text current again (itself a new revision)")
    ArticleView restore(CurrentUser user, @PathVariable long id, @PathVariable long revisionId) {
        return knowledge.restore(id, revisionId, user.scope(), author(user));
    }

    @GetMapping("/clients/{clientId}/articles")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(summary = "Export a client's articles as JSON")
    ArticleSet export(CurrentUser user, @PathVariable long clientId) {
        return transfer.export(clientId, user.scope());
    }

    @GetMapping(value = "/clients/{clientId}/articles.csv", produces = "text/csv")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(summary = "Export a client's articles as CSV, one row per language variant")
    ResponseEntity<String> exportCsv(CurrentUser user, @PathVariable long clientId) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"articles-" + clientId + ".csv\"")
                .body(transfer.exportCsv(clientId, user.scope()));
    }

    @PostMapping(value = "/clients/{clientId}/articles", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary = "Import articles into a client as JSON (all or nothing)",
            description = "An article replaces the client's one with the same original language and title. Errors"
                    + " name the entry, e.g. articles[2].variants.de.title.")
    KnowledgeTransfer.Imported importJson(CurrentUser user, @PathVariable long clientId, @RequestBody ArticleSet body) {
        return transfer.importSet(clientId, user.scope(), author(user), body);
    }

    @PostMapping(
            value = {"/clients/{clientId}/articles", "/clients/{clientId}/articles.csv"},
            consumes = "text/csv")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary = "Import articles into a client as CSV (all or nothing)",
            description = "Columns: article, visibility, policy_kind, external_url, categories (| separated), tags,"
                    + " language, title, body; one row per language variant. Errors name the row, e.g. row 4: title.")
    KnowledgeTransfer.Imported importCsv(CurrentUser user, @PathVariable long clientId, @RequestBody String body) {
        return transfer.importCsv(clientId, user.scope(), author(user), body);
    }

    private static Author author(CurrentUser user) {
        return new Author(user.id(), user.displayName());
    }
}
