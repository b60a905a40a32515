package dev.kontor.tickets;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketCommands.RecordChannelReply;
import dev.kontor.tickets.TicketCommands.TranslatedReply;
import dev.kontor.tickets.TicketEvents.ChannelAttentionChanged;
import dev.kontor.tickets.TicketEvents.ChannelReplyRecorded;
import dev.kontor.tickets.TicketEvents.MessageReceived;
import dev.kontor.tickets.TicketEvents.NoteAdded;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketEvents.TicketOpened;
import dev.kontor.tickets.TicketEvents.TicketTriaged;
import dev.kontor.tickets.domain.ChangeNotices;
import dev.kontor.tickets.domain.HtmlSanitizing;
import dev.kontor.tickets.domain.MessageRepository;
import dev.kontor.tickets.domain.MessageRepository.NewMessage;
import dev.kontor.tickets.domain.Ticket;
import dev.kontor.tickets.domain.TicketReads;
import dev.kontor.tickets.domain.TicketRepository;
import dev.kontor.tickets.flow.FlowQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket module's commands: channels ingest customer messages, agents reply, note, assign, tag and move tickets
 * through their statuses, triage, rules and SLA record what they decided. Each is a state transition on the
 * {@link Ticket} aggregate, which records the events. Commands that take the caller's {@link ClientScope} treat a
 * ticket outside it as not existing. Reads are on {@link TicketQueries}.
 */
@Service
@Transactional
public class TicketManagement {

    private final TicketRepository tickets;
    private final TicketReads reads;
    private final MessageRepository messages;
    private final ChangeNotices feed;
    private final FlowQueue flow;
    private final ApplicationEventPublisher events;
    private final AccountManagement accounts;
    private final TicketSettings settings;
    private final Clock clock;

    TicketManagement(
            TicketRepository tickets,
            TicketReads reads,
            MessageRepository messages,
            ChangeNotices feed,
            FlowQueue flow,
            ApplicationEventPublisher events,
            AccountManagement accounts,
            TicketSettings settings,
            Clock clock) {
        this.tickets = tickets;
        this.reads = reads;
        this.messages = messages;
        this.feed = feed;
        this.flow = flow;
        this.events = events;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Stores a customer message exactly once: a message whose external id this channel delivered before returns
     * the first result and stores nothing. Without a ticket to thread onto (or when that ticket is closed) the
     * message opens a new ticket.
     */
    public IngestResult ingest(IngestMessage m) {
        validateBody("body", m.bodyText(), m.bodyHtml());
        validateAttachments(m.attachments());
        if (m.externalId() != null) {
            // Serialise deliveries of the same message (a retried request racing its first try).
            var seen = messages.lockDelivery(m.channelId(), m.externalId());
            if (seen.isPresent()) {
                return new IngestResult(seen.get().ticketId(), seen.get().messageId(), false, true);
            }
        }
        Instant at = m.receivedAt() != null ? m.receivedAt() : clock.instant();
        Ticket ticket = m.ticketId() == null
                ? null
                : tickets.lock(m.ticketId())
                        .filter(t -> t.clientId() == m.clientId() && t.status() != TicketStatus.CLOSED)
                        .orElse(null);
        boolean created = ticket == null;
        if (created) {
            ticket = Ticket.open(
                    m.clientId(), m.storeId(), m.channelId(), m.customerId(), subjectOf(m), at, m.automated());
        } else {
            ticket.customerWrote(at, m.automated());
        }
        ticket.concernsOrders(m.orderRefs());
        tickets.save(ticket);
        String html = HtmlSanitizing.sanitize(m.bodyHtml());
        String text =
                m.bodyText() != null && !m.bodyText().isBlank() ? m.bodyText() : HtmlSanitizing.textOfSanitized(html);
        long messageId = messages.insert(new NewMessage(
                ticket.id(),
                m.channelId(),
                MessageKind.INBOUND,
                null,
                m.customerId(),
                m.authorName(),
                text,
                html,
                m.externalId(),
                at,
                m.attachments(),
                m.automated()));
        flow.enqueue(messageId, ticket.id(), clock.instant());
        publish(ticket);
        if (created) {
            events.publishEvent(new TicketOpened(ticket.id(), m.clientId(), m.storeId(), m.channelId(), messageId));
        }
        events.publishEvent(new MessageReceived(ticket.id(), m.clientId(), m.channelId(), messageId));
        feed.announce(ticket.id(), ticket.clientId(), created ? "created" : "message");
        return new IngestResult(ticket.id(), messageId, created, false);
    }

    /** An agent answers the customer; the channel of the ticket sends it (listening for {@link ReplyPosted}). */
    public MessageView reply(
            long ticketId, ClientScope scope, Actor actor, String body, TicketStatus then, List<NewAttachment> files) {
        return reply(ticketId, scope, actor, new TranslatedReply(body, null, null, null), then, files);
    }

    /**
     * An agent answers the customer with a reply Kontor translated: the channel sends only {@code reply.text()}, the
     * message keeps the agent's original and both languages.
     */
    public MessageView reply(
            long ticketId,
            ClientScope scope,
            Actor actor,
            TranslatedReply reply,
            TicketStatus then,
            List<NewAttachment> files) {
        String body = reply.text();
        validateBody("body", body, null);
        validateAttachments(files);
        Ticket ticket = lock(ticketId, scope);
        Instant at = clock.instant();
        ticket.replied(at, then, after -> messages.oldestCustomerMessageAfter(ticketId, after));
        tickets.save(ticket);
        long messageId = messages.insert(new NewMessage(
                ticketId,
                ticket.channelId(),
                MessageKind.OUTBOUND,
                actor.userId(),
                null,
                actor.name(),
                body,
                null,
                null,
                at,
                files,
                false,
                reply.language(),
                reply.originalText(),
                reply.originalLanguage()));
        publish(ticket);
        events.publishEvent(
                new ReplyPosted(ticketId, ticket.clientId(), ticket.channelId(), messageId, actor.userId()));
        feed.announce(ticketId, ticket.clientId(), "message");
        return messages.byId(messageId).orElseThrow();
    }

    /**
     * Records an answer written on the channel itself (not in Kontor), once per external id. It counts as a reply
     * (first response, status) and publishes {@link ChannelReplyRecorded}, never {@link ReplyPosted}: nobody must
     * send it again.
     */
    public Optional<Long> recordChannelReply(RecordChannelReply r) {
        validateBody("body", r.bodyText(), null);
        if (messages.lockDelivery(r.channelId(), r.externalId()).isPresent()) {
            return Optional.empty();
        }
        Ticket ticket = tickets.lock(r.ticketId()).orElseThrow(() -> new NotFound("ticket " + r.ticketId()));
        if (ticket.status() == TicketStatus.CLOSED) {
            return Optional.empty();
        }
        Instant at = r.sentAt() != null ? r.sentAt() : clock.instant();
        ticket.replied(at, null, after -> messages.oldestCustomerMessageAfter(r.ticketId(), after));
        tickets.save(ticket);
        long messageId = messages.insert(new NewMessage(
                ticket.id(),
                r.channelId(),
                MessageKind.OUTBOUND,
                null,
                null,
                r.authorName(),
                r.bodyText(),
                null,
                r.externalId(),
                at,
                List.of(),
                false));
        publish(ticket);
        events.publishEvent(new ChannelReplyRecorded(ticket.id(), ticket.clientId(), r.channelId(), messageId));
        feed.announce(ticket.id(), ticket.clientId(), "message");
        return Optional.of(messageId);
    }

    /** Automatic triage of the ticket's latest message (see {@code Ticket#triaged}). */
    public void triaged(long ticketId, String language, String category, List<String> orderRefs) {
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> new NotFound("ticket " + ticketId));
        if (ticket.triaged(language, category, orderRefs, clock.instant())) {
            tickets.save(ticket);
            events.publishEvent(new TicketTriaged(ticketId, ticket.clientId(), language, category));
            feed.announce(ticketId, ticket.clientId(), "updated");
        }
    }

    /** An agent corrects language and category; returns the ticket as it was before, for the record. */
    public TicketView correctTriage(long ticketId, ClientScope scope, String language, String category) {
        TicketView before = reads.byId(ticketId)
                .filter(t -> scope.permits(t.clientId()))
                .orElseThrow(() -> new NotFound("ticket " + ticketId));
        change(ticketId, scope, t -> t.correctTriage(language, category, clock.instant()));
        events.publishEvent(new TicketTriaged(ticketId, before.clientId(), language, category));
        return before;
    }

    /** Keeps what the channel says about the ticket's need for a reply (see {@link TicketView#replyNeededSince}). */
    public void channelAttention(long ticketId, Instant replyNeededSince, boolean noReplyNeeded) {
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> new NotFound("ticket " + ticketId));
        if (ticket.channelAttention(replyNeededSince, noReplyNeeded, clock.instant())) {
            tickets.save(ticket);
            events.publishEvent(new ChannelAttentionChanged(ticketId, ticket.clientId()));
            feed.announce(ticketId, ticket.clientId(), "updated");
        }
    }

    /** The SLA module's next deadline for the ticket; the queue orders by it. */
    public void slaScheduled(long ticketId, Instant dueAt, String metric) {
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> new NotFound("ticket " + ticketId));
        if (ticket.slaScheduled(dueAt, metric)) {
            tickets.save(ticket);
            feed.announce(ticketId, ticket.clientId(), "updated");
        }
    }

    /**
     * Kontor answers the customer by itself (a rule's auto-reply). The channel sends it like any reply
     * ({@link ReplyPosted} without an author), but it is marked automated: not a first response, and the ticket's
     * status stays.
     */
    public MessageView autoReply(long ticketId, String authorName, String body) {
        validateBody("body", body, null);
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> new NotFound("ticket " + ticketId));
        Instant at = clock.instant();
        ticket.autoReplied(at);
        tickets.save(ticket);
        long messageId = messages.insert(new NewMessage(
                ticketId,
                ticket.channelId(),
                MessageKind.OUTBOUND,
                null,
                null,
                authorName,
                body,
                null,
                null,
                at,
                List.of(),
                true));
        events.publishEvent(new ReplyPosted(ticketId, ticket.clientId(), ticket.channelId(), messageId, null));
        feed.announce(ticketId, ticket.clientId(), "message");
        return messages.byId(messageId).orElseThrow();
    }

    /** A rule sets the category (automatic triage may still refine "other" later; an agent's correction wins). */
    public void categorize(long ticketId, String category) {
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> new NotFound("ticket " + ticketId));
        if (ticket.categorize(category, clock.instant())) {
            tickets.save(ticket);
            events.publishEvent(new TicketTriaged(ticketId, ticket.clientId(), ticket.language(), category));
            feed.announce(ticketId, ticket.clientId(), "updated");
        }
    }

    /** An internal note: visible to the team, never sent to the customer. */
    public MessageView addNote(long ticketId, ClientScope scope, Actor actor, String body) {
        validateBody("body", body, null);
        Ticket ticket = lock(ticketId, scope);
        Instant at = clock.instant();
        ticket.noted(at);
        tickets.save(ticket);
        long messageId = messages.insert(new NewMessage(
                ticketId,
                ticket.channelId(),
                MessageKind.NOTE,
                actor.userId(),
                null,
                actor.name(),
                body,
                null,
                null,
                at,
                List.of(),
                false));
        events.publishEvent(new NoteAdded(ticketId, ticket.clientId(), messageId, actor.userId()));
        feed.announce(ticketId, ticket.clientId(), "message");
        return messages.byId(messageId).orElseThrow();
    }

    /**
     * Tells the open pages of a ticket that something shown with it changed in another module (a translation
     * came); their viewers' client scopes apply as for any change.
     */
    public void announce(long ticketId, long clientId, String kind) {
        feed.announce(ticketId, clientId, kind);
    }

    public TicketView changeStatus(long ticketId, ClientScope scope, TicketStatus status) {
        return change(ticketId, scope, t -> t.moveTo(status, clock.instant()));
    }

    /** Assigns to an agent who serves the ticket's client (or to nobody), and optionally to a team. */
    public TicketView assign(long ticketId, ClientScope scope, Long assigneeId, Long teamId) {
        return change(ticketId, scope, t -> {
            if (assigneeId != null) {
                List<UserView> serving = accounts.usersServing(t.clientId());
                if (serving.stream().noneMatch(u -> u.id() == assigneeId)) {
                    throw InvalidInput.of("assigneeId", "is not an active user serving this ticket's client");
                }
            }
            if (teamId != null && accounts.teams().stream().noneMatch(team -> team.id() == teamId)) {
                throw InvalidInput.of("teamId", "unknown team");
            }
            t.assignTo(assigneeId, teamId, clock.instant());
        });
    }

    public TicketView setTags(long ticketId, ClientScope scope, List<String> tags) {
        return change(ticketId, scope, t -> t.retag(tags, clock.instant()));
    }

    public TicketView addTag(long ticketId, ClientScope scope, String tag) {
        return change(ticketId, scope, t -> {
            var next = new java.util.ArrayList<>(t.tags());
            next.add(tag);
            t.retag(next, clock.instant());
        });
    }

    public TicketView removeTag(long ticketId, ClientScope scope, String tag) {
        return change(
                ticketId,
                scope,
                t -> t.retag(
                        t.tags().stream().filter(x -> !x.equalsIgnoreCase(tag)).toList(), clock.instant()));
    }

    public TicketView setPriority(long ticketId, ClientScope scope, Priority priority) {
        return change(ticketId, scope, t -> t.prioritize(priority, clock.instant()));
    }

    /**
     * The ticket, its row locked until the caller's transaction ends. A caller that changes a ticket several times
     * takes this first: a share lock taken earlier (by a row that references the ticket) would have to be upgraded
     * behind other writers, which PostgreSQL reports as a deadlock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<TicketView> lockForChanges(long ticketId) {
        return reads.lock(ticketId, false);
    }

    /** Like {@link #lockForChanges}, but empty at once when another transaction holds the ticket. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<TicketView> tryLockForChanges(long ticketId) {
        return reads.lock(ticketId, true);
    }

    private TicketView change(long ticketId, ClientScope scope, java.util.function.Consumer<Ticket> verb) {
        Ticket ticket = lock(ticketId, scope);
        verb.accept(ticket);
        tickets.save(ticket);
        publish(ticket);
        feed.announce(ticketId, ticket.clientId(), "updated");
        return reads.byId(ticketId).orElseThrow();
    }

    private Ticket lock(long ticketId, ClientScope scope) {
        return tickets.lock(ticketId)
                .filter(t -> scope.permits(t.clientId()))
                .orElseThrow(() -> new NotFound("ticket " + ticketId));
    }

    private void publish(Ticket ticket) {
        ticket.takeEvents().forEach(events::publishEvent);
    }

    private void validateBody(String field, String text, String html) {
        boolean noText = text == null || text.isBlank();
        boolean noHtml = html == null || html.isBlank();
        if (noText && noHtml) {
            throw InvalidInput.of(field, "must not be empty");
        }
        int length = (text == null ? 0 : text.length()) + (html == null ? 0 : html.length());
        if (length > settings.maxBodyChars()) {
            throw InvalidInput.of(field, "is longer than " + settings.maxBodyChars() + " characters");
        }
    }

    private void validateAttachments(List<NewAttachment> files) {
        if (files == null) {
            return;
        }
        if (files.size() > settings.maxAttachmentsPerMessage()) {
            throw InvalidInput.of("attachments", "at most " + settings.maxAttachmentsPerMessage() + " per message");
        }
        for (NewAttachment f : files) {
            if (f.content() == null || f.content().length > settings.maxAttachmentBytes()) {
                throw InvalidInput.of(
                        "attachments", "'" + f.filename() + "' is over " + settings.maxAttachmentBytes() + " bytes");
            }
        }
    }

    private static String subjectOf(IngestMessage m) {
        String subject = m.subject() == null ? "" : m.subject().strip().replaceAll("\\s+", " ");
        if (subject.isEmpty()) {
            String text = m.bodyText() != null ? m.bodyText() : HtmlSanitizing.toText(m.bodyHtml());
            subject = text.strip().replaceAll("\\s+", " ");
        }
        return subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
    }
}
