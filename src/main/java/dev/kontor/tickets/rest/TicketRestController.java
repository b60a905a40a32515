package dev.kontor.tickets.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.InboxQuery;
import dev.kontor.tickets.MessageTranslator;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketCommands.TranslatedReply;
import dev.kontor.tickets.TicketDetails;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import dev.kontor.tickets.rest.TicketJson.MessageJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tickets for scripts and integrations: list, read, reply, note, status, assignment, tags, priority. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tickets")
class TicketRestController {

    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final ClientManagement clients;
    private final Optional<MessageTranslator> translator;

    TicketRestController(
            TicketManagement tickets,
            TicketQueries ticketQueries,
            ClientManagement clients,
            Optional<MessageTranslator> translator) {
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.clients = clients;
        this.translator = translator;
    }

    @GetMapping("/tickets")
    @Operation(
            summary = "List tickets the caller may see, newest activity first, paged by cursor",
            description = "Pass a page's nextCursor as cursor to get the next page (null on the last one), with the"
                    + " same filters and sort. A listing is consistent: every ticket that matches the filters"
                    + " throughout is listed exactly once, even while tickets are updated, re-prioritised or change"
                    + " status between page fetches. The first page fixes a snapshot of the database; later pages"
                    + " order each ticket by its sort key as of that snapshot (a ticket updated meanwhile is listed"
                    + " where it stood), and tickets created after the first page are left for the next listing."
                    + " Filters apply to tickets as they are now, so a ticket that stops matching between pages may"
                    + " be left out. A cursor is valid for kontor.tickets.paging-snapshot-retention (2 hours by"
                    + " default); an older one is refused on the field cursor.")
    TicketJson.Page list(
            CurrentUser user,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long clientId,
            @RequestParam(required = false) String storeKey,
            @RequestParam(required = false) Long assigneeId,
            @RequestParam(defaultValue = "false") boolean unassigned,
            @RequestParam(required = false) Long teamId,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @Parameter(
                            description = "due (queue order: breached first, then the soonest deadline),"
                                    + " updated_desc, created_desc or created_asc")
                    @RequestParam(defaultValue = "updated_desc")
                    String sort,
            @Parameter(description = "nextCursor of the previous page; opaque. Leave out for the first page.")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Tickets per page, 1 to 200") @RequestParam(defaultValue = "50") int limit) {
        Long storeId = null;
        if (storeKey != null) {
            storeId = clients.storeByKey(storeKey)
                    .filter(s -> user.scope().permits(s.clientId()))
                    .map(StoreView::id)
                    .orElseThrow(() -> InvalidInput.of("storeKey", "unknown store"));
        }
        if (limit < 1 || limit > 200) {
            throw InvalidInput.of("limit", "must be between 1 and 200");
        }
        var page = ticketQueries.inbox(
                new InboxQuery(
                        assigneeId,
                        unassigned,
                        statuses(status),
                        clientId,
                        storeId,
                        null,
                        teamId,
                        tag,
                        q,
                        sort(sort),
                        cursor,
                        limit),
                user.scope());
        return new TicketJson.Page(json(page.tickets()), page.nextCursor());
    }

    @GetMapping("/tickets/{id}")
    @Operation(summary = "A ticket with its messages and notes")
    TicketJson.WithMessages get(CurrentUser user, @PathVariable long id) {
        TicketDetails details = ticketQueries.details(id, user.scope());
        Map<Long, List<MessageTranslator.TranslatedText>> translations = translator
                .map(t -> t.translationsOf(
                        details.messages().stream().map(MessageView::id).toList()))
                .orElse(Map.of());
        return new TicketJson.WithMessages(
                json(details.ticket()),
                details.messages().stream()
                        .map(m -> MessageJson.of(m, translations.getOrDefault(m.id(), List.of())))
                        .toList());
    }

    @PostMapping("/tickets/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Reply to the customer through the ticket's channel; optionally set the status",
            description = "With translateTo the body is written in the agent's reading language and sent only in"
                    + " translateTo; a provider failure answers with a problem naming it and sends nothing.")
    MessageJson reply(CurrentUser user, @PathVariable long id, @Valid @RequestBody TicketRequests.Reply body) {
        TicketStatus then = body.status() == null
                ? null
                : TicketStatus.fromKey(body.status()).orElseThrow();
        if (body.translateTo() == null) {
            return MessageJson.of(tickets.reply(id, user.scope(), actor(user), body.body(), then, List.of()));
        }
        TicketView ticket = ticketQueries.find(id, user.scope()).orElseThrow(() -> new NotFound("ticket " + id));
        TranslatedReply translated = translator
                .orElseThrow(() -> InvalidInput.of("translateTo", "translation is not available"))
                .translateReply(ticket, user.id(), body.body(), body.translateTo());
        return MessageJson.of(tickets.reply(id, user.scope(), actor(user), translated, then, List.of()));
    }

    @PostMapping("/tickets/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an internal note (never sent to the customer)")
    MessageJson note(CurrentUser user, @PathVariable long id, @Valid @RequestBody TicketRequests.Note body) {
        return MessageJson.of(tickets.addNote(id, user.scope(), actor(user), body.body()));
    }

    @PutMapping("/tickets/{id}/status")
    TicketJson status(CurrentUser user, @PathVariable long id, @Valid @RequestBody TicketRequests.StatusChange body) {
        return json(tickets.changeStatus(
                id, user.scope(), TicketStatus.fromKey(body.status()).orElseThrow()));
    }

    @PutMapping("/tickets/{id}/assignment")
    @Operation(summary = "Assign to an agent serving the ticket's client and/or a team; null clears")
    TicketJson assign(CurrentUser user, @PathVariable long id, @RequestBody TicketRequests.Assignment body) {
        return json(tickets.assign(id, user.scope(), body.assigneeId(), body.teamId()));
    }

    @PutMapping("/tickets/{id}/tags")
    TicketJson tags(CurrentUser user, @PathVariable long id, @Valid @RequestBody TicketRequests.Tags body) {
        return json(tickets.setTags(id, user.scope(), body.tags()));
    }

    @PostMapping("/tickets/{id}/tags")
    TicketJson addTag(CurrentUser user, @PathVariable long id, @Valid @RequestBody TicketRequests.Tag body) {
        return json(tickets.addTag(id, user.scope(), body.tag()));
    }

    @DeleteMapping("/tickets/{id}/tags/{tag}")
    TicketJson removeTag(CurrentUser user, @PathVariable long id, @PathVariable String tag) {
        return json(tickets.removeTag(id, user.scope(), tag));
    }

    @PutMapping("/tickets/{id}/priority")
    TicketJson priority(
            CurrentUser user, @PathVariable long id, @Valid @RequestBody TicketRequests.PriorityChange body) {
        return json(tickets.setPriority(
                id, user.scope(), Priority.fromKey(body.priority()).orElseThrow()));
    }

    @GetMapping("/attachments/{id}")
    @Operation(summary = "Download an attachment")
    ResponseEntity<byte[]> attachment(CurrentUser user, @PathVariable long id) {
        return ticketQueries.attachment(id, user.scope()).asDownload();
    }

    private static Actor actor(CurrentUser user) {
        return new Actor(user.id(), user.displayName());
    }

    private TicketJson json(TicketView t) {
        return TicketJson.of(t, clients.store(t.storeId()).map(StoreView::key).orElse(null));
    }

    private List<TicketJson> json(List<TicketView> list) {
        Map<Long, StoreView> stores =
                clients.storesById(list.stream().map(TicketView::storeId).collect(Collectors.toSet()));
        return list.stream()
                .map(t -> TicketJson.of(
                        t,
                        stores.containsKey(t.storeId())
                                ? stores.get(t.storeId()).key()
                                : null))
                .toList();
    }

    static Set<TicketStatus> statuses(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        if (csv.equals("unresolved")) {
            return TicketStatus.UNRESOLVED;
        }
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .map(s -> TicketStatus.fromKey(s)
                        .orElseThrow(() -> InvalidInput.of("status", "unknown status '" + s + "'")))
                .collect(Collectors.toSet());
    }

    static InboxQuery.Sort sort(String key) {
        return Arrays.stream(InboxQuery.Sort.values())
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow(() -> InvalidInput.of("sort", "one of due, updated_desc, created_desc, created_asc"));
    }
}
