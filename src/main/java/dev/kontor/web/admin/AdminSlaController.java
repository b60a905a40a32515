package dev.kontor.web.admin;

import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.sla.SlaCalendarView;
import dev.kontor.sla.SlaManagement;
import dev.kontor.sla.SlaPolicyView;
import dev.kontor.tickets.Priority;
import dev.kontor.triage.Category;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Admin page for SLA policies (in order of precedence) and business-hours calendars. */
@Controller
class AdminSlaController {

    private final SlaManagement sla;
    private final ClientManagement clients;

    AdminSlaController(SlaManagement sla, ClientManagement clients) {
        this.sla = sla;
        this.clients = clients;
    }

    record PolicyForm(
            @NotNull Long clientId,
            @NotBlank @Size(max = 100) String name,
            @Min(1) @Max(1000) int position,
            Long storeId,
            String channelKind,
            String category,
            @Size(max = 50) String tag,
            @Size(max = 50) String customerTier,
            String priority,
            @Min(1) Integer firstResponseMinutes,
            @Min(1) Integer nextResponseMinutes,
            @Min(1) Integer resolutionMinutes,
            String clock,
            Long calendarId) {

        static PolicyForm blank() {
            return new PolicyForm(null, "", 10, null, "", "", "", "", "", 240, 480, 2880, "calendar", null);
        }

        static PolicyForm of(SlaPolicyView p) {
            return new PolicyForm(
                    p.clientId(),
                    p.name(),
                    p.position(),
                    p.storeId(),
                    p.channelKind(),
                    p.category(),
                    p.tag(),
                    p.customerTier(),
                    p.priority(),
                    p.firstResponseMinutes(),
                    p.nextResponseMinutes(),
                    p.resolutionMinutes(),
                    p.clock(),
                    p.calendarId());
        }

        SlaPolicyView toView() {
            return toView(null, true);
        }

        SlaPolicyView toView(Long id, boolean enabled) {
            return new SlaPolicyView(
                    id,
                    clientId,
                    name,
                    position,
                    enabled,
                    storeId,
                    channelKind,
                    category,
                    tag,
                    customerTier,
                    priority,
                    firstResponseMinutes,
                    nextResponseMinutes,
                    resolutionMinutes,
                    clock,
                    calendarId);
        }
    }

    record CalendarForm(
            @NotNull Long clientId,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 60) String timeZone,
            @NotBlank @Size(max = 500) String hours,
            @Size(max = 4000) String holidays) {

        static CalendarForm blank() {
            return new CalendarForm(null, "", "Europe/Berlin", "mon-fri 09:00-18:00", "");
        }
    }

    @GetMapping("/admin/sla")
    String page(Model model) {
        if (!model.containsAttribute("policyForm")) {
            model.addAttribute("policyForm", PolicyForm.blank());
        }
        if (!model.containsAttribute("calendarForm")) {
            model.addAttribute("calendarForm", CalendarForm.blank());
        }
        model.addAttribute("policies", sla.policies(ClientScope.everything()));
        model.addAttribute("calendars", sla.calendars(ClientScope.everything()));
        model.addAttribute("unreadableCalendars", sla.unreadableCalendars(ClientScope.everything()));
        model.addAttribute("slaProblems", sla.problems(ClientScope.everything(), 50));
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("stores", clients.stores(ClientScope.everything()));
        model.addAttribute("categories", Category.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("channelKinds", ChannelKind.values());
        return "admin/sla";
    }

    @PostMapping("/admin/sla/policies")
    String createPolicy(@Valid @ModelAttribute("policyForm") PolicyForm form, BindingResult errors, Model model) {
        return AdminForms.submit(errors, () -> sla.savePolicy(form.toView()), "redirect:/admin/sla", () -> page(model));
    }

    @GetMapping("/admin/sla/policies/{id}")
    String editPolicy(@PathVariable long id, Model model) {
        SlaPolicyView policy = policy(id);
        model.addAttribute("policy", policy);
        if (!model.containsAttribute("policyForm")) {
            model.addAttribute("policyForm", PolicyForm.of(policy));
        }
        page(model);
        return "admin/sla-policy";
    }

    @PostMapping("/admin/sla/policies/{id}")
    String updatePolicy(
            @PathVariable long id,
            @Valid @ModelAttribute("policyForm") PolicyForm form,
            BindingResult errors,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean enabled,
            Model model) {
        return AdminForms.submit(
                errors,
                () -> sla.savePolicy(form.toView(id, enabled)),
                "redirect:/admin/sla",
                () -> editPolicy(id, model));
    }

    private SlaPolicyView policy(long id) {
        return sla.policies(ClientScope.everything()).stream()
                .filter(p -> p.id() == id)
                .findFirst()
                .orElseThrow(() -> new dev.kontor.shared.NotFound("policy " + id));
    }

    @PostMapping("/admin/sla/policies/{id}/delete")
    String deletePolicy(@PathVariable long id) {
        sla.deletePolicy(id);
        return "redirect:/admin/sla";
    }

    @PostMapping("/admin/sla/calendars")
    String createCalendar(@Valid @ModelAttribute("calendarForm") CalendarForm form, BindingResult errors, Model model) {
        List<LocalDate> holidays = new ArrayList<>();
        for (String line : (form.holidays() == null ? "" : form.holidays()).split("[,;\\s]+")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                holidays.add(LocalDate.parse(line.strip()));
            } catch (DateTimeParseException e) {
                errors.rejectValue("holidays", "invalid", "'" + line.strip() + "' is not a date like 2026-12-25");
            }
        }
        return AdminForms.submit(
                errors,
                () -> sla.saveCalendar(new SlaCalendarView(
                        null, form.clientId(), form.name(), form.timeZone(), form.hours(), holidays)),
                "redirect:/admin/sla",
                () -> page(model));
    }
}
