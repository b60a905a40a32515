package dev.kontor.web.admin;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.clients.ClientManagement;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.rules.RuleManagement;
import dev.kontor.rules.RuleTest;
import dev.kontor.rules.RuleView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin pages for rules: the ordered list, the editor (with "test against recent tickets") and deletion. */
@Controller
class AdminRulesController {

    private static final int SPARE_ROWS = 2;

    private final RuleManagement rules;
    private final ClientManagement clients;
    private final AccountManagement accounts;
    private final RoutingManagement routing;

    AdminRulesController(
            RuleManagement rules, ClientManagement clients, AccountManagement accounts, RoutingManagement routing) {
        this.rules = rules;
        this.clients = clients;
        this.accounts = accounts;
        this.routing = routing;
    }

    /** The editor's form: rows left empty are ignored; names of teams, users and policies are accepted. */
    record RuleForm(
            Long clientId,
            @NotBlank @Size(max = 200) String name,
            String kind,
            @Min(0) @Max(1_000_000) Integer position,
            Boolean enabled,
            List<String> triggers,
            String match,
            List<RuleView.Condition> conditions,
            List<RuleView.Action> actions,
            Boolean stopProcessing) {

        static RuleForm blank() {
            return new RuleForm(null, "", "event", 100, true, List.of(), "all", List.of(), List.of(), false)
                    .withSpareRows(3);
        }

        static RuleForm of(RuleView r) {
            return new RuleForm(
                            r.clientId(),
                            r.name(),
                            r.kind(),
                            r.position(),
                            r.enabled(),
                            r.triggers(),
                            r.match(),
                            r.conditions(),
                            r.actions(),
                            r.stopProcessing())
                    .withSpareRows(SPARE_ROWS);
        }

        RuleForm withSpareRows(int n) {
            List<RuleView.Condition> c = new ArrayList<>(conditions == null ? List.of() : conditions);
            List<RuleView.Action> a = new ArrayList<>(actions == null ? List.of() : actions);
            for (int i = 0; i < n; i++) {
                c.add(new RuleView.Condition("", "", ""));
                a.add(new RuleView.Action("", "", ""));
            }
            return new RuleForm(clientId, name, kind, position, enabled, triggers, match, c, a, stopProcessing);
        }

        RuleView toView(Long id) {
            return new RuleView(
                    id,
                    clientId,
                    name,
                    kind,
                    position == null ? 100 : position,
                    Boolean.TRUE.equals(enabled),
                    triggers == null ? List.of() : triggers,
                    match,
                    conditions == null ? List.of() : conditions,
                    actions == null ? List.of() : actions,
                    Boolean.TRUE.equals(stopProcessing),
                    null);
        }
    }

    @GetMapping("/admin/rules")
    String list(Model model) {
        model.addAttribute("rules", rules.rules().stream().map(rules::labelled).toList());
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        return "admin/rules";
    }

    @GetMapping("/admin/rules/new")
    String create(Model model) {
        if (!model.containsAttribute("ruleForm")) {
            model.addAttribute("ruleForm", RuleForm.blank());
        }
        return editor(model, null);
    }

    @GetMapping("/admin/rules/{id}")
    String edit(@PathVariable long id, Model model) {
        if (!model.containsAttribute("ruleForm")) {
            model.addAttribute("ruleForm", RuleForm.of(rules.labelled(rules.rule(id))));
        }
        return editor(model, id);
    }

    @PostMapping({"/admin/rules", "/admin/rules/{id}"})
    String save(
            @PathVariable(required = false) Long id,
            @Valid @ModelAttribute("ruleForm") RuleForm form,
            BindingResult errors,
            @RequestParam(name = "do", defaultValue = "save") String what,
            Model model) {
        if (what.equals("rows")) {
            model.addAttribute("ruleForm", form.withSpareRows(1));
            return editor(model, id);
        }
        if (what.equals("test")) {
            if (!errors.hasErrors()) {
                try {
                    RuleTest result = rules.test(form.toView(id), ClientScope.everything());
                    model.addAttribute("test", result);
                } catch (InvalidInput e) {
                    reject(errors, e);
                }
            }
            return editor(model, id);
        }
        return AdminForms.submit(
                errors, () -> rules.save(form.toView(id)), "redirect:/admin/rules", () -> editor(model, id));
    }

    @PostMapping("/admin/rules/{id}/delete")
    String delete(@PathVariable long id) {
        rules.delete(id);
        return "redirect:/admin/rules";
    }

    private String editor(Model model, Long id) {
        model.addAttribute("ruleId", id);
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("teams", accounts.teams());
        model.addAttribute("fields", dev.kontor.rules.RuleLanguage.FIELDS);
        model.addAttribute("operators", dev.kontor.rules.RuleLanguage.OPERATORS);
        model.addAttribute("actionTypes", dev.kontor.rules.RuleLanguage.ACTIONS);
        model.addAttribute("triggerKeys", dev.kontor.rules.RuleLanguage.TRIGGERS);
        model.addAttribute("strategies", routing.teams(ClientScope.everything()));
        return "admin/rule";
    }

    private static void reject(BindingResult errors, InvalidInput e) {
        for (FieldError f : e.errors()) {
            try {
                errors.rejectValue(f.field(), "invalid", f.message());
            } catch (RuntimeException notAField) {
                errors.reject("invalid", f.field() + ": " + f.message());
            }
        }
    }
}
