package dev.kontor.answers.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.answers.MacroManagement;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The reply composer's answers (htmx fragments): templates of the ticket's client found by name, shortcut,
 * category or text, one previewed with the ticket's data in the customer's language (missing values shown), usage
 * counted when inserted, and macros applied in one step. Every call checks the ticket is in the viewer's scope.
 */
@Controller
class ComposerAnswersController {

    private final TemplateManagement templates;
    private final MacroManagement macros;
    private final TicketQueries tickets;

    ComposerAnswersController(TemplateManagement templates, MacroManagement macros, TicketQueries tickets) {
        this.templates = templates;
        this.macros = macros;
        this.tickets = tickets;
    }

    @GetMapping("/tickets/{id}/answers")
    String picker(CurrentUser user, @PathVariable long id, Model model) {
        TicketView t = ticket(user, id);
        model.addAttribute("ticket", t);
        model.addAttribute("macros", macros.macros(user.scope(), t.clientId()));
        return "answers/composer :: macros";
    }

    @GetMapping("/tickets/{id}/answers/search")
    String search(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("ticket", ticket(user, id));
        model.addAttribute("found", templates.search(id, user.scope(), q));
        model.addAttribute("q", q);
        return "answers/composer :: results";
    }

    @GetMapping("/tickets/{id}/answers/templates/{templateId}")
    String preview(CurrentUser user, @PathVariable long id, @PathVariable long templateId, Model model) {
        model.addAttribute("ticket", ticket(user, id));
        model.addAttribute("answer", templates.render(templateId, id, user.scope(), user.displayName()));
        model.addAttribute("count", true);
        return "answers/composer :: preview";
    }

    @PostMapping("/tickets/{id}/answers/templates/{templateId}/used")
    @ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void used(CurrentUser user, @PathVariable long id, @PathVariable long templateId) {
        templates.used(templateId, id, user.scope());
    }

    /** Applies the macro at once; the ticket page refreshes, and its reply (if any) goes into the composer. */
    @PostMapping("/tickets/{id}/answers/macros")
    String apply(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam long macroId,
            Model model,
            HttpServletResponse response) {
        MacroManagement.Applied applied = macros.apply(
                macroId,
                id,
                user.scope(),
                new Actor(user.id(), user.displayName()),
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
        response.setHeader("HX-Trigger", "kontor:ticket-changed");
        model.addAttribute("ticket", ticket(user, id));
        model.addAttribute("answer", applied.reply());
        model.addAttribute("applied", applied);
        model.addAttribute("count", false);
        return "answers/composer :: preview";
    }

    private TicketView ticket(CurrentUser user, long id) {
        return tickets.find(id, user.scope()).orElseThrow(() -> new NotFound("ticket " + id));
    }
}
