package dev.kontor.orders.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.orders.OrderActionOutcome;
import dev.kontor.orders.OrderManagement;
import dev.kontor.orders.OrderView;
import dev.kontor.tickets.TicketCommands.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The orders a ticket is about, and the order actions taken through the ticket's channel. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Orders")
class OrderRestController {

    private final OrderManagement orders;

    OrderRestController(OrderManagement orders) {
        this.orders = orders;
    }

    /** Lines to refuse; {@code acceptOthers} (optional, false when missing) accepts the remaining waiting lines. */
    record RefuseLines(@NotEmpty List<String> lineIds, Boolean acceptOthers) {}

    @GetMapping("/tickets/{id}/orders")
    @Operation(summary = "The ticket's orders as the channel last reported them (refreshed when older than 10 minutes)")
    List<OrderView> orders(CurrentUser user, @PathVariable long id) {
        return orders.forTicket(id, user.scope());
    }

    @PostMapping("/tickets/{id}/orders/{orderId}/cancel")
    @Operation(
            summary = "Cancel the whole order on the marketplace",
            description = "outcome: done, rejected (answer = the marketplace's reason) or failed (not reachable);"
                    + " 409 when the order cannot be cancelled in its current state")
    OrderActionOutcome cancel(CurrentUser user, @PathVariable long id, @PathVariable String orderId) {
        return orders.cancel(id, orderId, user.scope(), new Actor(user.id(), user.displayName()));
    }

    @PostMapping("/tickets/{id}/orders/{orderId}/refuse-lines")
    @Operation(summary = "Refuse lines of an order awaiting acceptance on the marketplace")
    OrderActionOutcome refuse(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String orderId,
            @Valid @RequestBody RefuseLines request) {
        return orders.refuseLines(
                id,
                orderId,
                request.lineIds(),
                Boolean.TRUE.equals(request.acceptOthers()),
                user.scope(),
                new Actor(user.id(), user.displayName()));
    }
}
