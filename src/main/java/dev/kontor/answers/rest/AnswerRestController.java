package dev.kontor.answers.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.answers.AnswerCommands.AnswerSet;
import dev.kontor.answers.AnswerCommands.SaveMacro;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.answers.MacroManagement;
import dev.kontor.answers.MacroView;
import dev.kontor.answers.RenderedAnswer;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.answers.TemplateView;
import dev.kontor.tickets.TicketCommands.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
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
 * Templates and macros of the clients the caller serves. Everyone serving a client reads and uses them; supervisors
 * and admins change them. Another client's template or macro answers 404.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Answers")
class AnswerRestController {

    private final TemplateManagement templates;
    private final MacroManagement macros;

    AnswerRestController(TemplateManagement templates, MacroManagement macros) {
        this.templates = templates;
        this.macros = macros;
    }

    @GetMapping("/templates")
    @Operation(summary = "Templates of the clients the caller serves, or of one client")
    List<TemplateView> templates(CurrentUser user, @RequestParam(required = false) Long clientId) {
        return templates.templates(user.scope(), clientId);
    }

    @GetMapping("/templates/{id}")
    @Operation(summary = "A template with its language variants")
    TemplateView template(CurrentUser user, @PathVariable long id) {
        return templates.template(id, user.scope());
    }

    @PostMapping("/templates")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary = "Create a template",
            description = "variants maps language codes to texts; placeholders are written {{name}}, see"
                    + " docs/templates.md. Errors name the field, e.g. variants.de.")
    TemplateView create(CurrentUser user, @RequestBody SaveTemplate body) {
        return templates.create(user.scope(), body);
    }

    @PutMapping("/templates/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(summary = "Replace a template; every variant sent counts as checked (no longer machine-translated)")
    TemplateView update(CurrentUser user, @PathVariable long id, @RequestBody SaveTemplate body) {
        return templates.update(id, user.scope(), body);
    }

    @DeleteMapping("/templates/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    void delete(CurrentUser user, @PathVariable long id) {
        templates.delete(id, user.scope());
    }

    @GetMapping("/tickets/{ticketId}/templates")
    @Operation(summary = "The ticket's client's templates whose name, shortcut, category or text contains q")
    List<TemplateView> search(
            CurrentUser user, @PathVariable long ticketId, @RequestParam(defaultValue = "") String q) {
        return templates.search(ticketId, user.scope(), q);
    }

    @GetMapping("/tickets/{ticketId}/templates/{id}")
    @Operation(
            summary = "A template filled for the ticket in the customer's language",
            description = "missing lists placeholders without a value (left in the text as written); a missing"
                    + " language is translated once and kept as machine-translated.")
    RenderedAnswer render(CurrentUser user, @PathVariable long ticketId, @PathVariable long id) {
        return templates.render(id, ticketId, user.scope(), user.displayName());
    }

    @GetMapping("/macros")
    @Operation(summary = "Macros of the clients the caller serves, or of one client")
    List<MacroView> macros(CurrentUser user, @RequestParam(required = false) Long clientId) {
        return macros.macros(user.scope(), clientId);
    }

    @GetMapping("/macros/{id}")
    MacroView macro(CurrentUser user, @PathVariable long id) {
        return macros.macro(id, user.scope());
    }

    @PostMapping("/macros")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary =
                    "Create a macro: an optional template and actions (status: open, pending, on_hold, solved, closed)")
    MacroView createMacro(CurrentUser user, @RequestBody SaveMacro body) {
        return macros.create(user.scope(), body);
    }

    @PutMapping("/macros/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    MacroView updateMacro(CurrentUser user, @PathVariable long id, @RequestBody SaveMacro body) {
        return macros.update(id, user.scope(), body);
    }

    @DeleteMapping("/macros/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    void deleteMacro(CurrentUser user, @PathVariable long id) {
        macros.delete(id, user.scope());
    }

    @PostMapping("/tickets/{ticketId}/macros/{id}")
    @Operation(
            summary = "Apply a macro to a ticket",
            description = "Changes the ticket at once and records it as a note; the reply it prepares is returned,"
                    + " not sent.")
    MacroManagement.Applied apply(CurrentUser user, @PathVariable long ticketId, @PathVariable long id) {
        return macros.apply(
                id,
                ticketId,
                user.scope(),
                new Actor(user.id(), user.displayName()),
                user.locale() == null ? java.util.Locale.ENGLISH : java.util.Locale.forLanguageTag(user.locale()));
    }

    @GetMapping("/clients/{clientId}/answers")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(summary = "Export a client's templates and macros as one JSON document")
    AnswerSet export(CurrentUser user, @PathVariable long clientId) {
        return macros.export(clientId, user.scope());
    }

    @PostMapping("/clients/{clientId}/answers")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary = "Import templates and macros into a client (matched by name; all or nothing)",
            description = "Errors name the entry, e.g. templates[2].variants.de.")
    MacroManagement.Imported importSet(CurrentUser user, @PathVariable long clientId, @RequestBody AnswerSet body) {
        return macros.importSet(clientId, user.scope(), body);
    }
}
