package dev.kontor.drafts.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.drafts.DraftManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Draft reply" on the ticket page (htmx): the draft with its kind, why it is a template, its sources and flags; the
 * page's script puts its text into the composer, which the agent edits and sends, or not.
 */
@Controller
class DraftWebController {

    private final DraftManagement drafts;

    DraftWebController(DraftManagement drafts) {
        this.drafts = drafts;
    }

    @PostMapping("/tickets/{id}/drafts")
    String draft(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("draft", drafts.draft(id, user.scope(), user.id(), user.displayName()));
        return "drafts/composer :: draft";
    }
}
