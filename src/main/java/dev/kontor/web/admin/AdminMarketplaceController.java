package dev.kontor.web.admin;

import dev.kontor.channels.MarketplaceAccountView;
import dev.kontor.channels.MarketplaceCommands.CreateMarketplaceAccount;
import dev.kontor.channels.MarketplaceCommands.UpdateMarketplaceAccount;
import dev.kontor.channels.MarketplaceManagement;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages for marketplace accounts: add, edit, pause, test connection, poll now. */
@Controller
class AdminMarketplaceController {

    private final MarketplaceManagement marketplaces;
    private final ClientManagement clients;

    AdminMarketplaceController(MarketplaceManagement marketplaces, ClientManagement clients) {
        this.marketplaces = marketplaces;
        this.clients = clients;
    }

    /** The form as a page posts it; the API key is write-only (blank keeps the stored one when editing). */
    record MarketplaceForm(
            Long storeId,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 100) String operatorName,

            @NotBlank @Size(max = 500) @Pattern(regexp = "(?i)https?://\\S+", message = "must be an http(s) URL")
            String baseUrl,

            @Size(max = 500) String apiKey,
            @Min(1) Long shopId,
            Boolean copyOperator,
            @Min(15) @Max(86400) int pollSeconds) {

        static MarketplaceForm blank() {
            return new MarketplaceForm(null, "", "", "https://", "", null, false, 60);
        }

        static MarketplaceForm of(MarketplaceAccountView a) {
            return new MarketplaceForm(
                    a.storeId(),
                    a.name(),
                    a.operatorName(),
                    a.baseUrl(),
                    "",
                    a.shopId(),
                    a.copyOperator(),
                    a.pollSeconds());
        }

        CreateMarketplaceAccount toCreate() {
            return new CreateMarketplaceAccount(
                    storeId,
                    name,
                    operatorName,
                    baseUrl,
                    apiKey,
                    shopId,
                    Boolean.TRUE.equals(copyOperator),
                    pollSeconds);
        }

        UpdateMarketplaceAccount toUpdate() {
            return new UpdateMarketplaceAccount(
                    name, operatorName, baseUrl, apiKey, shopId, Boolean.TRUE.equals(copyOperator), pollSeconds);
        }
    }

    @GetMapping("/admin/marketplaces")
    String list(Model model) {
        if (!model.containsAttribute("marketplaceForm")) {
            model.addAttribute("marketplaceForm", MarketplaceForm.blank());
        }
        model.addAttribute("accounts", marketplaces.accounts());
        model.addAttribute("stores", clients.stores(ClientScope.everything()));
        return "admin/marketplaces";
    }

    @PostMapping("/admin/marketplaces")
    String create(@Valid @ModelAttribute("marketplaceForm") MarketplaceForm form, BindingResult errors, Model model) {
        if (form.storeId() == null) {
            errors.rejectValue("storeId", "required", "choose a store");
        }
        if (form.apiKey() == null || form.apiKey().isBlank()) {
            errors.rejectValue("apiKey", "required", "must not be blank");
        }
        return AdminForms.submit(
                errors, () -> marketplaces.create(form.toCreate()), "redirect:/admin/marketplaces", () -> list(model));
    }

    @GetMapping("/admin/marketplaces/{id}")
    String edit(@PathVariable long id, Model model) {
        MarketplaceAccountView account = marketplaces.account(id);
        model.addAttribute("account", account);
        if (!model.containsAttribute("marketplaceForm")) {
            model.addAttribute("marketplaceForm", MarketplaceForm.of(account));
        }
        return "admin/marketplace";
    }

    @PostMapping("/admin/marketplaces/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("marketplaceForm") MarketplaceForm form,
            BindingResult errors,
            Model model) {
        return AdminForms.submit(
                errors,
                () -> marketplaces.update(id, form.toUpdate()),
                "redirect:/admin/marketplaces/" + id,
                () -> edit(id, model));
    }

    /** Shows the marketplace's answer on the page itself. */
    @PostMapping("/admin/marketplaces/{id}/check")
    String check(@PathVariable long id, Model model) {
        model.addAttribute("check", marketplaces.check(id));
        return edit(id, model);
    }

    @PostMapping("/admin/marketplaces/{id}/poll")
    String poll(@PathVariable long id, Model model) {
        model.addAttribute("polled", marketplaces.pollNow(id));
        return edit(id, model);
    }

    @PostMapping("/admin/marketplaces/{id}/pause")
    String pause(@PathVariable long id, RedirectAttributes redirect) {
        marketplaces.pause(id, true);
        return "redirect:/admin/marketplaces/" + id;
    }

    @PostMapping("/admin/marketplaces/{id}/resume")
    String resume(@PathVariable long id) {
        marketplaces.pause(id, false);
        return "redirect:/admin/marketplaces/" + id;
    }
}
