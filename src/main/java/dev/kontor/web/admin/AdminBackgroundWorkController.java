package dev.kontor.web.admin;

import dev.kontor.platform.EventPublications;
import dev.kontor.tickets.MessageFlowManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Background work for admins: the pass every customer message goes through (triage, rules, SLA) and the event
 * listeners behind everything else, with what failed, why, when it is tried again, and "try again now".
 */
@Controller
class AdminBackgroundWorkController {

    private final MessageFlowManagement flow;
    private final EventPublications events;

    AdminBackgroundWorkController(MessageFlowManagement flow, EventPublications events) {
        this.flow = flow;
        this.events = events;
    }

    @GetMapping("/admin/background-work")
    String page(Model model) {
        model.addAttribute("flow", flow.status(200));
        model.addAttribute("events", events.status(200));
        return "admin/background-work";
    }

    @PostMapping("/admin/background-work/messages/retry")
    String retryMessages(RedirectAttributes redirect) {
        redirect.addFlashAttribute("messagesRetried", flow.retryNow());
        return "redirect:/admin/background-work";
    }

    @PostMapping("/admin/background-work/events/retry")
    String retryEvents(RedirectAttributes redirect) {
        events.retryAllNow();
        redirect.addFlashAttribute("eventsRetried", true);
        return "redirect:/admin/background-work";
    }
}
