package dev.kontor.web.admin;

import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.triage.Category;
import dev.kontor.triage.TriageManagement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Admin page for triage: each client's own keywords, and the latest corrections agents made. */
@Controller
class AdminTriageController {

    private final TriageManagement triage;
    private final ClientManagement clients;

    AdminTriageController(TriageManagement triage, ClientManagement clients) {
        this.triage = triage;
        this.clients = clients;
    }

    record KeywordForm(
            @NotNull Long clientId,
            String category,
            @Size(min = 3, max = 100) String phrase,
            Double weight) {

        static KeywordForm blank() {
            return new KeywordForm(null, "cancellation", "", 3.0);
        }
    }

    @GetMapping("/admin/triage")
    String page(Model model) {
        if (!model.containsAttribute("keywordForm")) {
            model.addAttribute("keywordForm", KeywordForm.blank());
        }
        model.addAttribute("keywords", triage.keywords(ClientScope.everything()));
        model.addAttribute("corrections", triage.corrections(ClientScope.everything(), 50));
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("categories", Category.values());
        return "admin/triage";
    }

    @PostMapping("/admin/triage/keywords")
    String add(@Valid @ModelAttribute("keywordForm") KeywordForm form, BindingResult errors, Model model) {
        return AdminForms.submit(
                errors,
                () -> triage.addKeyword(form.clientId(), form.category(), form.phrase(), form.weight()),
                "redirect:/admin/triage",
                () -> page(model));
    }

    @PostMapping("/admin/triage/keywords/{id}/delete")
    String delete(@PathVariable long id) {
        triage.deleteKeyword(id);
        return "redirect:/admin/triage";
    }
}
