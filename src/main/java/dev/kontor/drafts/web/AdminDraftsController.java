package dev.kontor.drafts.web;

import dev.kontor.clients.ClientManagement;
import dev.kontor.drafts.ClientDraftSettings;
import dev.kontor.drafts.DraftManagement;
import dev.kontor.drafts.ModelPolicy;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The drafts settings page (admins): the install's model and how it has been answering (last success, last failure
 * with its reason, counts), and one client's setting at a time: which model may see its tickets, and the domains a
 * draft may link to.
 */
@Controller
class AdminDraftsController {

    private final DraftManagement drafts;
    private final ClientManagement clients;

    AdminDraftsController(DraftManagement drafts, ClientManagement clients) {
        this.drafts = drafts;
        this.clients = clients;
    }

    @GetMapping("/admin/drafts")
    String page(@RequestParam(required = false) Long client, Model model) {
        model.addAttribute("status", drafts.status());
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("policies", ModelPolicy.values());
        if (client != null && !model.containsAttribute("settings")) {
            model.addAttribute("settings", drafts.settings(client, ClientScope.everything()));
        }
        return "admin/drafts";
    }

    @PostMapping("/admin/drafts/clients/{clientId}")
    String save(
            @PathVariable long clientId,
            @RequestParam(defaultValue = "") String policy,
            @RequestParam(defaultValue = "") String linkDomains,
            Model model) {
        try {
            drafts.saveSettings(clientId, ClientScope.everything(), policy, linkDomains);
        } catch (InvalidInput e) {
            model.addAttribute(
                    "formErrors",
                    e.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
            ClientDraftSettings before = drafts.settings(clientId, ClientScope.everything());
            model.addAttribute(
                    "settings",
                    new ClientDraftSettings(
                            clientId,
                            ModelPolicy.fromKey(policy).orElse(before.policy()),
                            java.util.List.of(linkDomains)));
            return page(clientId, model);
        }
        return "redirect:/admin/drafts?client=" + clientId;
    }
}
