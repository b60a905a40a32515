package dev.kontor.knowledge.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.knowledge.KnowledgeBase;
import dev.kontor.tickets.TicketView;
import dev.kontor.triage.Category;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The knowledge panel on the ticket page (htmx): the ticket's client's articles, first those of the ticket's
 * category, then whatever the agent searches; each offers its link and an excerpt for the reply. Every call checks
 * the ticket is in the viewer's scope.
 */
@Controller
class KnowledgePanelController {

    private final KnowledgeBase knowledge;

    KnowledgePanelController(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    @GetMapping("/tickets/{id}/knowledge")
    String panel(CurrentUser user, @PathVariable long id, Model model) {
        TicketView t = knowledge.ticket(id, user.scope());
        model.addAttribute("ticket", t);
        model.addAttribute(
                "categories",
                Arrays.stream(Category.values()).map(Category::key).toList());
        return results(user, t, "", t.category(), model, "knowledge/panel :: panel");
    }

    @GetMapping("/tickets/{id}/knowledge/search")
    String search(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String category,
            Model model) {
        TicketView t = knowledge.ticket(id, user.scope());
        return results(user, t, q, category, model, "knowledge/panel :: results");
    }

    private String results(CurrentUser user, TicketView t, String q, String category, Model model, String view) {
        String base =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("ticket", t);
        model.addAttribute("q", q);
        model.addAttribute("category", category == null || category.isBlank() ? "" : category);
        model.addAttribute("entries", knowledge.forTicket(t.id(), user.scope(), q, category, user.locale(), base));
        return view;
    }
}
