package dev.kontor.answers.web;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.CurrentUser;
import dev.kontor.answers.AnswerCommands.AnswerSet;
import dev.kontor.answers.AnswerCommands.SaveMacro;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.answers.MacroManagement;
import dev.kontor.answers.MacroView;
import dev.kontor.answers.Placeholders;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.answers.TemplateView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.triage.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers pages for supervisors and admins: a client's templates and macros, a template with its language
 * variants (machine-translated ones marked until saved), a macro, store signatures and the return window, and JSON
 * export and import. Only clients the viewer serves are offered; another client's entries answer 404.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
class AnswersWebController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TemplateManagement templates;
    private final MacroManagement macros;
    private final ClientManagement clients;
    private final AccountManagement accounts;

    AnswersWebController(
            TemplateManagement templates,
            MacroManagement macros,
            ClientManagement clients,
            AccountManagement accounts) {
        this.templates = templates;
        this.macros = macros;
        this.clients = clients;
        this.accounts = accounts;
    }

    /** One variant row of the template form. */
    record VariantRow(String language, String body, boolean machineTranslated, String translatedFrom) {}

    @GetMapping("/answers")
    String page(CurrentUser user, @RequestParam(required = false) Long client, Model model) {
        List<ClientView> mine = clients.clients(user.scope());
        ClientView shown = mine.stream()
                .filter(c -> client == null || c.id() == client)
                .findFirst()
                .orElse(null);
        model.addAttribute("clients", mine);
        model.addAttribute("client", shown);
        if (shown != null) {
            List<TemplateView> ts = templates.templates(user.scope(), shown.id());
            model.addAttribute("templates", ts);
            model.addAttribute("macros", macros.macros(user.scope(), shown.id()));
            model.addAttribute("templateNames", names(ts));
            List<StoreView> stores = stores(user, shown.id());
            model.addAttribute("stores", stores);
            Map<Long, Map<String, String>> signatures = new LinkedHashMap<>();
            stores.forEach(s -> signatures.put(s.id(), signatureRows(templates.signatures(s.id(), user.scope()))));
            model.addAttribute("signatures", signatures);
            model.addAttribute(
                    "returnDays", templates.returnDays(shown.id(), user.scope()).orElse(null));
        }
        return "answers/answers";
    }

    @GetMapping("/answers/templates/new")
    String newTemplate(CurrentUser user, @RequestParam long client, Model model) {
        TemplateView blank = new TemplateView(0, client, null, null, "", null, 0, null, null, List.of());
        return templateForm(user, blank, rows(Map.of("en", "")), model);
    }

    @GetMapping("/answers/templates/{id}")
    String template(CurrentUser user, @PathVariable long id, Model model) {
        TemplateView t = templates.template(id, user.scope());
        List<VariantRow> rows = new ArrayList<>(t.variants().stream()
                .map(v -> new VariantRow(v.language(), v.body(), v.machineTranslated(), v.translatedFrom()))
                .toList());
        rows.add(new VariantRow("", "", false, null));
        return templateForm(user, t, rows, model);
    }

    @PostMapping("/answers/templates")
    String create(CurrentUser user, @RequestParam Map<String, String> form, Model model) {
        SaveTemplate command = templateCommand(form);
        try {
            TemplateView t = templates.create(user.scope(), command);
            return "redirect:/answers?client=" + t.clientId();
        } catch (InvalidInput e) {
            return templateFailed(user, null, command, e, model);
        }
    }

    @PostMapping("/answers/templates/{id}")
    String update(CurrentUser user, @PathVariable long id, @RequestParam Map<String, String> form, Model model) {
        SaveTemplate command = templateCommand(form);
        try {
            TemplateView t = templates.update(id, user.scope(), command);
            return "redirect:/answers?client=" + t.clientId();
        } catch (InvalidInput e) {
            return templateFailed(user, id, command, e, model);
        }
    }

    @PostMapping("/answers/templates/{id}/delete")
    String deleteTemplate(CurrentUser user, @PathVariable long id) {
        long client = templates.template(id, user.scope()).clientId();
        templates.delete(id, user.scope());
        return "redirect:/answers?client=" + client;
    }

    @GetMapping("/answers/macros/new")
    String newMacro(CurrentUser user, @RequestParam long client, Model model) {
        MacroView blank =
                new MacroView(0, client, "", null, List.of(), List.of(), null, null, null, null, null, null, 0, null);
        return macroForm(user, blank, model);
    }

    @GetMapping("/answers/macros/{id}")
    String macro(CurrentUser user, @PathVariable long id, Model model) {
        return macroForm(user, macros.macro(id, user.scope()), model);
    }

    @PostMapping("/answers/macros")
    String createMacro(CurrentUser user, @RequestParam Map<String, String> form, Model model) {
        SaveMacro command = macroCommand(form);
        try {
            return "redirect:/answers?client="
                    + macros.create(user.scope(), command).clientId();
        } catch (InvalidInput e) {
            return macroFailed(user, 0, command, e, model);
        }
    }

    @PostMapping("/answers/macros/{id}")
    String updateMacro(CurrentUser user, @PathVariable long id, @RequestParam Map<String, String> form, Model model) {
        SaveMacro command = macroCommand(form);
        try {
            return "redirect:/answers?client="
                    + macros.update(id, user.scope(), command).clientId();
        } catch (InvalidInput e) {
            return macroFailed(user, id, command, e, model);
        }
    }

    @PostMapping("/answers/macros/{id}/delete")
    String deleteMacro(CurrentUser user, @PathVariable long id) {
        long client = macros.macro(id, user.scope()).clientId();
        macros.delete(id, user.scope());
        return "redirect:/answers?client=" + client;
    }

    @PostMapping("/answers/stores/{storeId}/signatures")
    String signatures(
            CurrentUser user,
            @PathVariable long storeId,
            @RequestParam long client,
            @RequestParam Map<String, String> form,
            Model model) {
        Map<String, String> given = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("signature.")) {
                given.put(k.substring("signature.".length()), v);
            }
        });
        if (!form.getOrDefault("newLanguage", "").isBlank()) {
            given.put(form.get("newLanguage").strip(), form.getOrDefault("newSignature", ""));
        }
        try {
            templates.setSignatures(storeId, user.scope(), given);
        } catch (InvalidInput e) {
            return failed(user, client, e, model);
        }
        return "redirect:/answers?client=" + client;
    }

    @PostMapping("/answers/clients/{clientId}/policy")
    String policy(
            CurrentUser user,
            @PathVariable long clientId,
            @RequestParam(defaultValue = "") String returnDays,
            Model model) {
        try {
            templates.setReturnDays(
                    clientId, user.scope(), returnDays.isBlank() ? null : number("returnDays", returnDays));
        } catch (InvalidInput e) {
            return failed(user, clientId, e, model);
        }
        return "redirect:/answers?client=" + clientId;
    }

    @GetMapping("/answers/clients/{clientId}/export")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable long clientId) {
        byte[] body = JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(macros.export(clientId, user.scope()))
                .getBytes(StandardCharsets.UTF_8);
        String name = clients.client(clientId).map(ClientView::key).orElse("client") + "-answers.json";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    @PostMapping("/answers/clients/{clientId}/import")
    String importSet(
            CurrentUser user, @PathVariable long clientId, @RequestParam("file") MultipartFile file, Model model)
            throws IOException {
        try {
            AnswerSet set;
            try {
                set = JSON.readValue(file.getBytes(), AnswerSet.class);
            } catch (JacksonException e) {
                throw InvalidInput.of("file", "not an answers document (JSON with templates and macros)");
            }
            MacroManagement.Imported done = macros.importSet(clientId, user.scope(), set);
            return "redirect:/answers?client=" + clientId + "&imported=" + done.templatesCreated() + "-"
                    + done.templatesUpdated() + "-" + done.macrosCreated() + "-" + done.macrosUpdated();
        } catch (InvalidInput e) {
            return failed(user, clientId, e, model);
        }
    }

    private String failed(CurrentUser user, long client, InvalidInput e, Model model) {
        model.addAttribute("formErrors", messages(e));
        return page(user, client, model);
    }

    private String templateForm(CurrentUser user, TemplateView t, List<VariantRow> rows, Model model) {
        model.addAttribute("template", t);
        model.addAttribute("variants", rows);
        model.addAttribute(
                "client",
                clients.client(t.clientId())
                        .filter(c -> user.scope().permits(c.id()))
                        .orElseThrow(() -> new dev.kontor.shared.NotFound("client " + t.clientId())));
        model.addAttribute("stores", stores(user, t.clientId()));
        model.addAttribute("categories", Category.values());
        model.addAttribute("placeholders", Placeholders.NAMES);
        model.addAttribute("toFillIn", Placeholders.TO_FILL_IN);
        return "answers/template";
    }

    private String templateFailed(CurrentUser user, Long id, SaveTemplate c, InvalidInput e, Model model) {
        TemplateView shown = id == null ? null : templates.template(id, user.scope());
        long clientId = shown != null ? shown.clientId() : c.clientId() == null ? 0 : c.clientId();
        TemplateView t = new TemplateView(
                id == null ? 0 : id,
                clientId,
                c.storeId(),
                c.category(),
                c.name(),
                c.shortcut(),
                shown == null ? 0 : shown.usageCount(),
                null,
                null,
                List.of());
        model.addAttribute("formErrors", messages(e));
        List<VariantRow> rows = new ArrayList<>(rows(c.variants()));
        rows.add(new VariantRow("", "", false, null));
        return templateForm(user, t, rows, model);
    }

    private String macroForm(CurrentUser user, MacroView m, Model model) {
        model.addAttribute("macro", m);
        model.addAttribute(
                "client",
                clients.client(m.clientId())
                        .filter(c -> user.scope().permits(c.id()))
                        .orElseThrow(() -> new dev.kontor.shared.NotFound("client " + m.clientId())));
        model.addAttribute("templates", templates.templates(user.scope(), m.clientId()));
        model.addAttribute(
                "statuses",
                Arrays.stream(TicketStatus.values())
                        .filter(s -> s != TicketStatus.NEW)
                        .toList());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("categories", Category.values());
        model.addAttribute("teams", accounts.teams());
        model.addAttribute("agents", accounts.usersServing(m.clientId()));
        return "answers/macro";
    }

    private String macroFailed(CurrentUser user, long id, SaveMacro c, InvalidInput e, Model model) {
        model.addAttribute("formErrors", messages(e));
        MacroView m = new MacroView(
                id,
                c.clientId() == null
                        ? (id == 0 ? 0 : macros.macro(id, user.scope()).clientId())
                        : c.clientId(),
                c.name(),
                c.templateId(),
                c.addTags(),
                c.removeTags(),
                c.status(),
                c.priority(),
                c.category(),
                c.teamId(),
                c.assigneeId(),
                c.note(),
                0,
                null);
        return macroForm(user, m, model);
    }

    private static SaveTemplate templateCommand(Map<String, String> form) {
        Map<String, String> variants = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("variant.") && !v.isBlank()) {
                variants.put(k.substring("variant.".length()), v);
            }
        });
        String language = form.getOrDefault("newLanguage", "").strip().toLowerCase(java.util.Locale.ROOT);
        if (!language.isEmpty() || !form.getOrDefault("newBody", "").isBlank()) {
            variants.put(language.isEmpty() ? "?" : language, form.getOrDefault("newBody", ""));
        }
        return new SaveTemplate(
                optionalNumber("clientId", form.get("clientId")),
                optionalNumber("storeId", form.get("storeId")),
                form.get("category"),
                form.get("name"),
                form.get("shortcut"),
                variants);
    }

    private static SaveMacro macroCommand(Map<String, String> form) {
        return new SaveMacro(
                optionalNumber("clientId", form.get("clientId")),
                form.get("name"),
                optionalNumber("templateId", form.get("templateId")),
                split(form.get("addTags")),
                split(form.get("removeTags")),
                form.get("status"),
                form.get("priority"),
                form.get("category"),
                optionalNumber("teamId", form.get("teamId")),
                optionalNumber("assigneeId", form.get("assigneeId")),
                form.get("note"));
    }

    private List<StoreView> stores(CurrentUser user, long clientId) {
        return clients.stores(user.scope()).stream()
                .filter(s -> s.clientId() == clientId)
                .toList();
    }

    private static Map<String, String> signatureRows(Map<String, String> saved) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String l : List.of("*", "en", "de", "fr", "it")) {
            rows.put(l, saved.getOrDefault(l, ""));
        }
        saved.forEach(rows::putIfAbsent);
        return rows;
    }

    private static List<VariantRow> rows(Map<String, String> variants) {
        return variants.entrySet().stream()
                .map(e -> new VariantRow(e.getKey(), e.getValue(), false, null))
                .toList();
    }

    private static Map<Long, String> names(List<TemplateView> ts) {
        Map<Long, String> names = new LinkedHashMap<>();
        ts.forEach(t -> names.put(t.id(), t.name()));
        return names;
    }

    private static List<String> split(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isBlank()).toList();
    }

    private static Long optionalNumber(String field, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of(field, "must be a whole number");
        }
    }

    private static int number(String field, String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of(field, "must be a whole number");
        }
    }

    private static List<String> messages(InvalidInput e) {
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).toList();
    }
}
