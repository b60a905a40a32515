package dev.kontor.tickets;

import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.domain.InboxQueries;
import dev.kontor.tickets.domain.MessageRepository;
import dev.kontor.tickets.domain.TicketReads;
import dev.kontor.tickets.flow.FlowQueue;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket module's read side: tickets and conversations for views, inbox pages, queues and loads, and the
 * lookups other modules decide on. Reads that take the caller's {@link ClientScope} treat a ticket outside it as
 * not existing; the others are for background work that acts for every client. Changes go through
 * {@link TicketManagement}.
 */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    private final TicketReads tickets;
    private final MessageRepository messages;
    private final InboxQueries inbox;
    private final ClientManagement clients;
    private final FlowQueue flow;

    TicketQueries(
            TicketReads tickets,
            MessageRepository messages,
            InboxQueries inbox,
            ClientManagement clients,
            FlowQueue flow) {
        this.flow = flow;
        this.tickets = tickets;
        this.messages = messages;
        this.inbox = inbox;
        this.clients = clients;
    }

    public Optional<TicketView> find(long ticketId, ClientScope scope) {
        return tickets.byId(ticketId).filter(t -> scope.permits(t.clientId()));
    }

    /** By the number customers see (in subjects, "[#1042]"). */
    public Optional<TicketView> findByNumber(long number, ClientScope scope) {
        return tickets.byNumber(number).filter(t -> scope.permits(t.clientId()));
    }

    /** The ticket with its whole conversation: for the ticket page and the API, not for background work. */
    public TicketDetails details(long ticketId, ClientScope scope) {
        TicketView ticket = find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        return new TicketDetails(ticket, messages.conversation(ticketId));
    }

    public InboxPage inbox(InboxQuery query, ClientScope scope) {
        List<Long> clientIds;
        if (query.clientId() != null) {
            clientIds = scope.permits(query.clientId()) ? List.of(query.clientId()) : List.of();
        } else if (query.storeId() != null) {
            clientIds = clients.store(query.storeId())
                    .filter(s -> scope.permits(s.clientId()))
                    .map(s -> List.of(s.clientId()))
                    .orElse(List.of());
        } else if (scope.all()) {
            clientIds = clients.clients(scope).stream().map(c -> c.id()).toList();
        } else {
            clientIds = List.copyOf(scope.clientIds());
        }
        return inbox.page(query, clientIds);
    }

    public List<TicketView> customerTickets(long customerId, ClientScope scope, int limit) {
        return inbox.ofCustomer(customerId, scope, limit);
    }

    /** The latest tickets (of one client, or all), newest change first: what a rule would have met lately. */
    public List<TicketView> recent(Long clientId, int limit) {
        return tickets.recent(clientId, limit);
    }

    /**
     * Unresolved tickets meeting a time window, in id order after {@code afterId}: the candidates of an aging
     * rule. Null bounds are not applied.
     */
    public List<TicketView> aging(TicketAging q, long afterId, int limit) {
        return tickets.aging(q, afterId, limit);
    }

    /** Unresolved tickets of the client that name this order (by the order-reference index). */
    public List<Long> unresolvedAbout(long clientId, String orderRef) {
        return tickets.unresolvedAbout(clientId, orderRef);
    }

    public AttachmentContent attachment(long attachmentId, ClientScope scope) {
        return messages.attachment(attachmentId)
                .filter(a -> scope.permits(a.clientId()))
                .map(MessageRepository.StoredAttachment::content)
                .orElseThrow(() -> new NotFound("attachment " + attachmentId));
    }

    public MessageView message(long messageId) {
        return messages.byId(messageId).orElseThrow(() -> new NotFound("message " + messageId));
    }

    /** The customer's latest message on the ticket. */
    public Optional<MessageView> latestCustomerMessage(long ticketId) {
        return messages.latestCustomerMessage(ticketId);
    }

    /** When Kontor last answered the ticket by itself (an auto-reply), if ever. */
    public Optional<Instant> lastAutoReplyAt(long ticketId) {
        return messages.lastAutoReplyAt(ticketId);
    }

    /** The id of the ticket's first customer message. */
    public Optional<Long> firstMessageId(long ticketId) {
        return messages.firstCustomerMessageId(ticketId);
    }

    /**
     * Whether a pass of the ticket follows the current transaction's commit: it runs on this thread, this
     * transaction queued it, or a message of the ticket waits for it (then held until this transaction ends, so the
     * pass sees what it wrote). A listener that would recompute what the pass computes anyway can then leave it.
     */
    @Transactional
    public boolean passFollows(long ticketId) {
        return MessageStep.passing(ticketId) || flow.holdWaiting(ticketId);
    }

    /** How many new and open tickets each of these agents holds (their load; pending ones wait on the customer). */
    public Map<Long, Integer> openLoads(Collection<Long> userIds) {
        return tickets.openLoads(userIds);
    }

    /**
     * Agents' open loads counting only tickets of clients the viewer serves: another client's workload is not the
     * viewer's to know (routing itself uses the full load).
     */
    public Map<Long, Integer> openLoads(Collection<Long> userIds, ClientScope viewer) {
        return tickets.openLoads(userIds, viewer);
    }

    /** How many tickets wait in the team's queue, counting only clients the viewer serves. */
    public int countWaitingInTeam(long teamId, ClientScope viewer) {
        return tickets.countWaitingInTeam(teamId, viewer);
    }

    /** The team's queue: its unassigned new and open tickets, most urgent deadline first. */
    public List<TicketView> waitingInTeam(long teamId, int limit) {
        return tickets.waitingInTeam(teamId, limit);
    }

    /** Teams with tickets waiting in their queue. */
    public List<Long> teamsWithWaitingTickets() {
        return tickets.teamsWithWaitingTickets();
    }

    /** The agent's new and open tickets, e.g. to hand them back when the agent goes offline. */
    public List<Long> openTicketsOf(long userId) {
        return tickets.openTicketsOf(userId);
    }
}
