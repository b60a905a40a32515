package dev.kontor.web.ticket;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.orders.OrderActionOutcome;
import dev.kontor.orders.OrderErrors.OrderActionNotAllowed;
import dev.kontor.orders.OrderManagement;
import dev.kontor.tickets.TicketCommands.Actor;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The order panel beside a ticket, loaded after the page (a stale order is refreshed from the marketplace, which
 * must not slow the ticket page down), and the order actions with the marketplace's answer shown in place.
 */
@Controller
class OrderPanelController {

    private final OrderManagement orders;

    OrderPanelController(OrderManagement orders) {
        this.orders = orders;
    }

    @GetMapping("/tickets/{id}/orders")
    String panel(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("ticketId", id);
        model.addAttribute("orders", orders.forTicket(id, user.scope()));
        return "ticket/orders :: panel";
    }

    @PostMapping("/tickets/{id}/orders/{orderId}/cancel")
    String cancel(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String orderId,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(user, id, htmx, model, () -> orders.cancel(id, orderId, user.scope(), actor(user)));
    }

    @PostMapping("/tickets/{id}/orders/{orderId}/refuse")
    String refuse(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String orderId,
            @RequestParam(name = "lineIds", required = false) List<String> lineIds,
            @RequestParam(defaultValue = "false") boolean acceptOthers,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        return act(
                user,
                id,
                htmx,
                model,
                () -> orders.refuseLines(
                        id, orderId, lineIds == null ? List.of() : lineIds, acceptOthers, user.scope(), actor(user)));
    }

    private String act(
            CurrentUser user,
            long id,
            String htmx,
            Model model,
            java.util.function.Supplier<OrderActionOutcome> action) {
        try {
            OrderActionOutcome outcome = action.get();
            model.addAttribute("outcome", outcome);
        } catch (OrderActionNotAllowed | dev.kontor.shared.InvalidInput e) {
            model.addAttribute("actionError", e.getMessage());
        }
        if (htmx == null) {
            return "redirect:/tickets/" + id;
        }
        return panel(user, id, model);
    }

    private static Actor actor(CurrentUser user) {
        return new Actor(user.id(), user.displayName());
    }
}
