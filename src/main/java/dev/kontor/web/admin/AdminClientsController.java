package dev.kontor.web.admin;

import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ClientCommands.CreateChannel;
import dev.kontor.clients.ClientCommands.CreateClient;
import dev.kontor.clients.ClientCommands.CreateStore;
import dev.kontor.clients.ClientCommands.UpdateChannel;
import dev.kontor.clients.ClientCommands.UpdateClient;
import dev.kontor.clients.ClientCommands.UpdateStore;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Admin pages for client companies, their stores and channels. */
@Controller
class AdminClientsController {

    private final ClientManagement clients;

    AdminClientsController(ClientManagement clients) {
        this.clients = clients;
    }

    /** Channel settings as "key=value" lines, the way an admin types them. */
    record ChannelForm(
            @NotNull ChannelKind kind,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 10000) String settings) {

        Map<String, String> settingsMap() {
            Map<String, String> map = new LinkedHashMap<>();
            if (settings == null) {
                return map;
            }
            for (String line : settings.split("\\R")) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw InvalidInput.of("settings", "each line must be key=value: '" + line.strip() + "'");
                }
                map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
            return map;
        }
    }

    @GetMapping("/admin")
    String admin() {
        return "redirect:/admin/clients";
    }

    @GetMapping("/admin/clients")
    String list(Model model) {
        if (!model.containsAttribute("clientForm")) {
            model.addAttribute("clientForm", new CreateClient("", ""));
        }
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("stores", clients.stores(ClientScope.everything()));
        model.addAttribute("channels", clients.allChannels(ClientScope.everything()));
        model.addAttribute("kinds", ChannelKind.values());
        return "admin/clients";
    }

    @PostMapping("/admin/clients")
    String create(@Valid @ModelAttribute("clientForm") CreateClient form, BindingResult errors, Model model) {
        return AdminForms.submit(
                errors, () -> clients.createClient(form), "redirect:/admin/clients", () -> list(model));
    }

    @PostMapping("/admin/clients/{id}")
    String update(@PathVariable long id, @Valid UpdateClient form, BindingResult errors, Model model) {
        return AdminForms.submit(
                errors,
                () -> clients.updateClient(id, form),
                "redirect:/admin/clients",
                () -> list(AdminForms.rejected(model, errors)));
    }

    @PostMapping("/admin/clients/{id}/stores")
    String createStore(
            @PathVariable long id,
            @Valid @ModelAttribute("storeForm") StoreForm form,
            BindingResult errors,
            Model model) {
        return AdminForms.submit(
                errors,
                () -> clients.createStore(new CreateStore(id, form.key(), form.name())),
                "redirect:/admin/clients#client-" + id,
                () -> list(AdminForms.rejected(model, errors)));
    }

    record StoreForm(
            @NotBlank
            @jakarta.validation.constraints.Pattern(
                    regexp = "^[a-z0-9][a-z0-9-]{1,62}$",
                    message = "{kontor.validation.key}")
            String key,

            @NotBlank @Size(max = 200) String name) {}

    @PostMapping("/admin/stores/{id}")
    String updateStore(@PathVariable long id, @Valid UpdateStore form, BindingResult errors, Model model) {
        return AdminForms.submit(
                errors,
                () -> clients.updateStore(id, form),
                "redirect:/admin/clients",
                () -> list(AdminForms.rejected(model, errors)));
    }

    @PostMapping("/admin/stores/{id}/channels")
    String createChannel(
            @PathVariable long id,
            @Valid @ModelAttribute("channelForm") ChannelForm form,
            BindingResult errors,
            Model model) {
        return AdminForms.submit(
                errors,
                () -> clients.createChannel(new CreateChannel(id, form.kind(), form.name(), form.settingsMap())),
                "redirect:/admin/clients",
                () -> list(AdminForms.rejected(model, errors)));
    }

    @PostMapping("/admin/channels/{id}")
    String updateChannel(
            @PathVariable long id,
            @Valid @ModelAttribute("channelForm") ChannelForm form,
            BindingResult errors,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean active,
            Model model) {
        return AdminForms.submit(
                errors,
                () -> clients.updateChannel(id, new UpdateChannel(form.name(), form.settingsMap(), active)),
                "redirect:/admin/clients",
                () -> list(AdminForms.rejected(model, errors)));
    }
}
