package dev.kontor.routing.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.routing.AgentAvailability;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.routing.TeamRouting;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Team strategies and their queues, agents' availability, and an agent's own status. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Routing")
class RoutingRestController {

    private final RoutingManagement routing;

    RoutingRestController(RoutingManagement routing) {
        this.routing = routing;
    }

    @GetMapping("/routing/teams")
    @Operation(summary = "Every team's strategy and its queue: waiting counts only tickets of clients you serve")
    List<TeamRouting> teams(CurrentUser user) {
        return routing.teams(user.scope());
    }

    record StrategyRequest(String strategy, Boolean anyLanguageFallback) {}

    @PutMapping("/routing/teams/{teamId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set the team's strategy: manual, round_robin, least_loaded or language")
    TeamRouting setStrategy(@PathVariable long teamId, @RequestBody StrategyRequest body) {
        return routing.setStrategy(teamId, body.strategy(), Boolean.TRUE.equals(body.anyLanguageFallback()));
    }

    @GetMapping("/routing/agents")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(summary = "Every agent's availability; load counts only tickets of clients you serve")
    List<AgentAvailability> agents(CurrentUser user) {
        return routing.agents(user.scope());
    }

    @PutMapping("/routing/agents/{userId}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary = "Set an agent's status, working hours, time zone and capacity",
            description = "handBack with a status other than online returns the agent's new and open tickets to"
                    + " their team's queue.")
    AgentAvailability setAvailability(@PathVariable long userId, @RequestBody AvailabilityRequest body) {
        return routing.setAvailability(
                userId,
                new AgentAvailability.Change(
                        body.status(),
                        body.workingHours(),
                        body.timeZone(),
                        body.capacity(),
                        Boolean.TRUE.equals(body.handBack())));
    }

    record AvailabilityRequest(
            String status, String workingHours, String timeZone, Integer capacity, Boolean handBack) {}

    record StatusRequest(String status, Boolean handBack) {}

    @PutMapping("/me/availability")
    @Operation(summary = "Set your own status: online, away or offline")
    AgentAvailability setMyStatus(CurrentUser user, @RequestBody StatusRequest body) {
        return routing.setStatus(user.id(), body.status(), Boolean.TRUE.equals(body.handBack()));
    }
}
