package dev.kontor.web.admin;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.routing.AgentAvailability;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.routing.TeamRouting;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin page for team strategies and agents' availability (status, working hours, capacity, hand back). */
@Controller
class AdminRoutingController {

    private final RoutingManagement routing;

    AdminRoutingController(RoutingManagement routing) {
        this.routing = routing;
    }

    @GetMapping("/admin/routing")
    String page(CurrentUser user, Model model) {
        model.addAttribute("teams", routing.teams(user.scope()));
        model.addAttribute("agents", routing.agents(user.scope()));
        model.addAttribute("strategies", TeamRouting.STRATEGIES);
        return "admin/routing";
    }

    @PostMapping("/admin/routing/teams/{teamId}")
    String strategy(
            @PathVariable long teamId,
            @RequestParam String strategy,
            @RequestParam(defaultValue = "false") boolean anyLanguageFallback,
            CurrentUser user,
            Model model) {
        try {
            routing.setStrategy(teamId, strategy, anyLanguageFallback);
        } catch (InvalidInput e) {
            return failed(user, model, e);
        }
        return "redirect:/admin/routing";
    }

    @PostMapping("/admin/routing/agents/{userId}")
    String availability(
            @PathVariable long userId,
            @RequestParam String status,
            @RequestParam(required = false) String workingHours,
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) Integer capacity,
            @RequestParam(defaultValue = "false") boolean handBack,
            CurrentUser user,
            Model model) {
        try {
            routing.setAvailability(
                    userId, new AgentAvailability.Change(status, workingHours, timeZone, capacity, handBack));
        } catch (InvalidInput e) {
            return failed(user, model, e);
        }
        return "redirect:/admin/routing";
    }

    private String failed(CurrentUser user, Model model, InvalidInput e) {
        model.addAttribute(
                "formErrors",
                e.errors().stream().map(FieldError::field).toList().isEmpty()
                        ? java.util.List.of(e.getMessage())
                        : e.errors().stream()
                                .map(f -> f.field() + ": " + f.message())
                                .toList());
        return page(user, model);
    }
}
