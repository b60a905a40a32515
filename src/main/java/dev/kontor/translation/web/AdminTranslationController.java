package dev.kontor.translation.web;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.ChainEntry;
import dev.kontor.translation.ClientTranslation;
import dev.kontor.translation.ProviderAccount;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationFailed;
import dev.kontor.translation.TranslationManagement;
import dev.kontor.translation.TranslationRequest;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The translation settings page: provider accounts (credentials write-only), the install's chain, one client's
 * settings at a time, usage per client, account and month, and a test translation.
 */
@Controller
class AdminTranslationController {

    private final TranslationManagement translation;

    AdminTranslationController(TranslationManagement translation) {
        this.translation = translation;
    }

    /** What a test translation showed: the text and who made it, or the named error. */
    record TestOutcome(String text, String provider, String detected, String error, String message) {}

    @GetMapping("/admin/translation")
    String page(
            @RequestParam(required = false) Long client, @RequestParam(required = false) String month, Model model) {
        YearMonth shown = translation.currentMonth();
        if (month != null && !month.isBlank()) {
            try {
                shown = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                model.addAttribute("formErrors", List.of("month: write the month as yyyy-MM"));
            }
        }
        model.addAttribute("accounts", translation.accounts());
        model.addAttribute("kinds", translation.kinds());
        if (!model.containsAttribute("installChain")) {
            model.addAttribute(
                    "installChain",
                    translation.installChain().stream().map(ChainEntry::asText).reduce("", (a, b) -> a + b + "\n"));
        }
        model.addAttribute("clients", translation.clients());
        if (client != null && !model.containsAttribute("settings")) {
            model.addAttribute("settings", translation.client(client));
        }
        model.addAttribute("month", shown);
        model.addAttribute("usage", translation.usage(shown));
        return "admin/translation";
    }

    @PostMapping("/admin/translation/providers")
    String add(ProviderForm form, Model model) {
        try {
            translation.saveAccount(null, form.change());
        } catch (InvalidInput e) {
            model.addAttribute("newAccount", form);
            return failed(null, model, e);
        }
        return "redirect:/admin/translation";
    }

    @PostMapping("/admin/translation/providers/{id}")
    String change(@PathVariable long id, ProviderForm form, Model model) {
        try {
            translation.saveAccount(id, form.change());
        } catch (InvalidInput e) {
            return failed(null, model, e);
        }
        return "redirect:/admin/translation";
    }

    @PostMapping("/admin/translation/providers/{id}/delete")
    String remove(@PathVariable long id) {
        translation.deleteAccount(id);
        return "redirect:/admin/translation";
    }

    @PostMapping("/admin/translation/chain")
    String chain(@RequestParam(defaultValue = "") String chain, Model model) {
        try {
            translation.setInstallChain(ChainEntry.parse(chain, "chain"));
        } catch (InvalidInput e) {
            model.addAttribute("installChain", chain);
            return failed(null, model, e);
        }
        return "redirect:/admin/translation";
    }

    @PostMapping("/admin/translation/clients/{clientId}")
    String client(
            @PathVariable long clientId,
            @RequestParam(defaultValue = "") String chain,
            @RequestParam(defaultValue = "") String formality,
            @RequestParam(defaultValue = "") String glossary,
            @RequestParam(defaultValue = "false") boolean allowCloud,
            @RequestParam(defaultValue = "") String monthlyCap,
            Model model) {
        try {
            translation.saveClient(new ClientTranslation(
                    clientId,
                    ChainEntry.parse(chain, "chain"),
                    ClientTranslation.parseFormality(formality),
                    ClientTranslation.parseGlossary(glossary),
                    allowCloud,
                    cap(monthlyCap)));
        } catch (InvalidInput e) {
            model.addAttribute("typed", new ClientForm(chain, formality, glossary, allowCloud, monthlyCap));
            model.addAttribute("settings", translation.client(clientId));
            return failed(clientId, model, e);
        }
        return "redirect:/admin/translation?client=" + clientId;
    }

    /** What was typed into a client's form, shown again when it was refused. */
    record ClientForm(String chain, String formality, String glossary, boolean allowCloud, String monthlyCap) {}

    @PostMapping("/admin/translation/test")
    String test(
            @RequestParam(required = false) Long clientId,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "") String source,
            @RequestParam(defaultValue = "") String target,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("test", outcome(clientId, text, source, target));
        model.addAttribute("testText", text);
        if (htmx != null) {
            return "admin/translation :: test-result";
        }
        return page(clientId, null, model);
    }

    private TestOutcome outcome(Long clientId, String text, String source, String target) {
        try {
            if (text.isBlank()) {
                throw InvalidInput.of("text", "is required");
            }
            LanguageCode to = ChainEntry.language(target, "target", "");
            if (to == null) {
                throw InvalidInput.of("target", "is required");
            }
            Translation t = translation.test(
                    clientId == null ? 0 : clientId,
                    TranslationRequest.of(to, text).from(ChainEntry.language(source, "source", "")));
            return new TestOutcome(
                    t.texts().get(0),
                    t.provider(),
                    t.detectedSource() == null ? null : t.detectedSource().value(),
                    null,
                    null);
        } catch (TranslationFailed e) {
            return new TestOutcome(null, e.provider(), null, e.getClass().getSimpleName(), e.getMessage());
        } catch (InvalidInput e) {
            return new TestOutcome(null, null, null, "InvalidInput", e.getMessage());
        }
    }

    private static Long cap(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip().replace("_", "").replace(" ", ""));
        } catch (NumberFormatException e) {
            throw InvalidInput.of("monthlyCap", "must be a whole number of characters, or empty for no cap");
        }
    }

    private String failed(Long client, Model model, InvalidInput e) {
        model.addAttribute(
                "formErrors",
                e.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
        model.addAttribute(
                "errorFields", e.errors().stream().map(FieldError::field).toList());
        return page(client, null, model);
    }

    /** A provider account as the form sends it; a blank key or secret keeps the stored one. */
    record ProviderForm(
            String name,
            String kind,
            String url,
            String region,
            String project,
            String location,
            String model,
            Boolean selfHosted,
            String key,
            String secret) {
        /** An unticked box sends nothing: on this form, no value means "not self-hosted". */
        ProviderAccount.Change change() {
            return new ProviderAccount.Change(
                    name, kind, url, region, project, location, model, Boolean.TRUE.equals(selfHosted), key, secret);
        }
    }
}
