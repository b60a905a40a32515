package dev.kontor.tickets;

import static dev.kontor.tickets.db.Tables.ATTACHMENT;
import static dev.kontor.tickets.db.Tables.MESSAGE;
import static dev.kontor.tickets.db.Tables.TICKET;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.MessageView.AttachmentView;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketCommands.RecordChannelReply;
import dev.kontor.tickets.TicketEvents.ChannelAttentionChanged;
import dev.kontor.tickets.TicketEvents.MessageReceived;
import dev.kontor.tickets.TicketEvents.NoteAdded;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketEvents.TicketOpened;
import dev.kontor.tickets.TicketEvents.TicketTriaged;
import dev.kontor.tickets.domain.HtmlSanitizing;
import dev.kontor.tickets.domain.InboxQueries;
import dev.kontor.tickets.domain.Ticket;
import dev.kontor.tickets.domain.TicketRepository;
import dev.kontor.tickets.flow.FlowQueue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket module's API: channels ingest customer messages, agents reply, note, assign, tag and move tickets
 * through their statuses. Reads take the caller's {@link ClientScope}; a ticket outside it does not exist.
 */
@Service
@Transactional
public class TicketManagement {

    private final DSLContext db;
    private final TicketRepository tickets;
    private final InboxQueries inbox;
    private final TicketChangeFeed feed;
    private final FlowQueue flow;
    private final ApplicationEventPublisher events;
    private final AccountManagement accounts;
    private final ClientManagement clients;
    private final TicketSettings settings;
    private final Clock clock;

    TicketManagement(
            DSLContext db,
            TicketRepository tickets,
            InboxQueries inbox,
            TicketChangeFeed feed,
            FlowQueue flow,
            ApplicationEventPublisher events,
            AccountManagement accounts,
            ClientManagement clients,
            TicketSettings settings,
            Clock clock) {
        this.db = db;
        this.tickets = tickets;
        this.inbox = inbox;
        this.feed = feed;
        this.flow = flow;
        this.events = events;
        this.accounts = accounts;
        this.clients = clients;
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
            db.execute("select pg_advisory_xact_lock(hashtext(?))", m.channelId() + "/" + m.externalId());
            var seen = db.select(MESSAGE.ID, MESSAGE.TICKET_ID)
                    .from(MESSAGE)
                    .where(MESSAGE.CHANNEL_ID.eq(m.channelId()).and(MESSAGE.EXTERNAL_ID.eq(m.externalId())))
                    .fetchOne();
            if (seen != null) {
                return new IngestResult(seen.value2(), seen.value1(), false, true);
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
        String text = m.bodyText() != null && !m.bodyText().isBlank() ? m.bodyText() : HtmlSanitizing.toText(html);
        long messageId = insertMessage(
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
                m.automated());
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
        validateBody("body", body, null);
        validateAttachments(files);
        Ticket ticket = lock(ticketId, scope);
        Instant at = clock.instant();
        ticket.replied(at, then, after -> oldestCustomerMessageAfter(ticketId, after));
        tickets.save(ticket);
        long messageId = insertMessage(
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
                false);
        publish(ticket);
        events.publishEvent(
                new ReplyPosted(ticketId, ticket.clientId(), ticket.channelId(), messageId, actor.userId()));
        feed.announce(ticketId, ticket.clientId(), "message");
        return message(messageId);
    }

    /**
     * Records an answer written on the channel itself (not in Kontor), once per external id. It counts as a reply
     * (first response, status) but publishes no {@link ReplyPosted}: nobody must send it again.
     */
    public Optional<Long> recordChannelReply(RecordChannelReply r) {
        validateBody("body", r.bodyText(), null);
        db.execute("select pg_advisory_xact_lock(hashtext(?))", r.channelId() + "/" + r.externalId());
        boolean seen = db.fetchExists(
                MESSAGE, MESSAGE.CHANNEL_ID.eq(r.channelId()).and(MESSAGE.EXTERNAL_ID.eq(r.externalId())));
        if (seen) {
            return Optional.empty();
        }
        Ticket ticket = tickets.lock(r.ticketId()).orElseThrow(() -> new NotFound("ticket " + r.ticketId()));
        if (ticket.status() == TicketStatus.CLOSED) {
            return Optional.empty();
        }
        Instant at = r.sentAt() != null ? r.sentAt() : clock.instant();
        ticket.replied(at, null, after -> oldestCustomerMessageAfter(r.ticketId(), after));
        tickets.save(ticket);
        long messageId = insertMessage(
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
                false);
        publish(ticket);
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
        TicketView before = find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
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

    /** Unresolved tickets of the client that name this order (by the order-reference index). */
    @Transactional(readOnly = true)
    public List<Long> unresolvedAbout(long clientId, String orderRef) {
        return db.select(TICKET.ID)
                .from(TICKET)
                .where(TICKET.CLIENT_ID.eq(clientId))
                .and(TICKET.ORDER_REFS.contains(new String[] {orderRef}))
                .and(TICKET.STATUS.in("new", "open", "pending", "on_hold"))
                .limit(1000)
                .fetch(TICKET.ID);
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
        long messageId = insertMessage(
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
                true);
        events.publishEvent(new ReplyPosted(ticketId, ticket.clientId(), ticket.channelId(), messageId, null));
        feed.announce(ticketId, ticket.clientId(), "message");
        return message(messageId);
    }

    /** A rule sets the category (automatic triage may still refine "other" later; an agent's correction wins). */
    public void categorize(long ticketId, String category) {
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> new NotFound("ticket " + ticketId));
        if (ticket.categorize(category, clock.instant())) {
            tickets.save(ticket);
            TicketView v = find(ticketId, ClientScope.everything()).orElseThrow();
            events.publishEvent(new TicketTriaged(ticketId, ticket.clientId(), v.language(), category));
            feed.announce(ticketId, ticket.clientId(), "updated");
        }
    }

    /** The customer's latest message on the ticket. */
    @Transactional(readOnly = true)
    public Optional<MessageView> latestCustomerMessage(long ticketId) {
        return db.selectFrom(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId).and(MESSAGE.KIND.eq(MessageKind.INBOUND.key())))
                .orderBy(MESSAGE.ID.desc())
                .limit(1)
                .fetchOptional(r -> toView(r, List.of()));
    }

    /** When Kontor last answered the ticket by itself (an auto-reply), if ever. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastAutoReplyAt(long ticketId) {
        return db.select(DSL.max(MESSAGE.CREATED_AT))
                .from(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId).and(MESSAGE.AUTOMATED.isTrue()))
                .fetchOptional(0, Instant.class);
    }

    /** The id of the ticket's first customer message. */
    @Transactional(readOnly = true)
    public Optional<Long> firstMessageId(long ticketId) {
        return db.select(DSL.min(MESSAGE.ID))
                .from(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId).and(MESSAGE.KIND.eq(MessageKind.INBOUND.key())))
                .fetchOptional(0, Long.class);
    }

    /** How many new and open tickets each of these agents holds (their load; pending ones wait on the customer). */
    @Transactional(readOnly = true)
    public Map<Long, Integer> openLoads(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return db.select(TICKET.ASSIGNEE_ID, DSL.count())
                .from(TICKET)
                .where(TICKET.ASSIGNEE_ID.in(userIds))
                .and(TICKET.STATUS.in("new", "open"))
                .groupBy(TICKET.ASSIGNEE_ID)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    /** The team's queue: its unassigned new and open tickets, most urgent deadline first. */
    @Transactional(readOnly = true)
    public List<TicketView> waitingInTeam(long teamId, int limit) {
        return db.selectFrom(TICKET)
                .where(TICKET.TEAM_ID.eq(teamId))
                .and(TICKET.ASSIGNEE_ID.isNull())
                .and(TICKET.STATUS.in("new", "open"))
                .orderBy(TICKET.QUEUE_KEY, TICKET.ID)
                .limit(limit)
                .fetch(TicketRepository::toView);
    }

    /** Teams with tickets waiting in their queue. */
    @Transactional(readOnly = true)
    public List<Long> teamsWithWaitingTickets() {
        return db.selectDistinct(TICKET.TEAM_ID)
                .from(TICKET)
                .where(TICKET.TEAM_ID.isNotNull())
                .and(TICKET.ASSIGNEE_ID.isNull())
                .and(TICKET.STATUS.in("new", "open"))
                .fetch(TICKET.TEAM_ID);
    }

    /** The agent's new and open tickets, e.g. to hand them back when the agent goes offline. */
    @Transactional(readOnly = true)
    public List<Long> openTicketsOf(long userId) {
        return db.select(TICKET.ID)
                .from(TICKET)
                .where(TICKET.ASSIGNEE_ID.eq(userId))
                .and(TICKET.STATUS.in("new", "open"))
                .orderBy(TICKET.ID)
                .fetch(TICKET.ID);
    }

    /** The latest tickets (of one client, or all), newest change first: what a rule would have met lately. */
    @Transactional(readOnly = true)
    public List<TicketView> recent(Long clientId, int limit) {
        return db.selectFrom(TICKET)
                .where(clientId == null ? DSL.noCondition() : TICKET.CLIENT_ID.eq(clientId))
                .orderBy(TICKET.UPDATED_AT.desc(), TICKET.ID.desc())
                .limit(limit)
                .fetch(TicketRepository::toView);
    }

    /**
     * Unresolved tickets meeting a time window, in id order after {@code afterId}: the candidates of an aging
     * rule. Null bounds are not applied.
     */
    @Transactional(readOnly = true)
    public List<TicketView> aging(TicketAging q, long afterId, int limit) {
        var where = TICKET.ID.gt(afterId).and(TICKET.STATUS.in("new", "open", "pending", "on_hold"));
        if (q.clientId() != null) {
            where = where.and(TICKET.CLIENT_ID.eq(q.clientId()));
        }
        if (q.customerWaitingSinceBefore() != null) {
            where = where.and(TICKET.CUSTOMER_WAITING_SINCE.le(q.customerWaitingSinceBefore()));
        }
        if (q.statusSinceBefore() != null) {
            where = where.and(TICKET.STATUS_SINCE.le(q.statusSinceBefore()));
        }
        if (q.slaDueAfter() != null) {
            where = where.and(TICKET.SLA_DUE_AT.gt(q.slaDueAfter()));
        }
        if (q.slaDueBefore() != null) {
            where = where.and(TICKET.SLA_DUE_AT.le(q.slaDueBefore()));
        }
        return db.selectFrom(TICKET)
                .where(where)
                .orderBy(TICKET.ID)
                .limit(limit)
                .fetch(TicketRepository::toView);
    }

    /** An internal note: visible to the team, never sent to the customer. */
    public MessageView addNote(long ticketId, ClientScope scope, Actor actor, String body) {
        validateBody("body", body, null);
        Ticket ticket = lock(ticketId, scope);
        Instant at = clock.instant();
        ticket.noted(at);
        tickets.save(ticket);
        long messageId = insertMessage(
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
                false);
        events.publishEvent(new NoteAdded(ticketId, ticket.clientId(), messageId, actor.userId()));
        feed.announce(ticketId, ticket.clientId(), "message");
        return message(messageId);
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
        return lockRow(ticketId, false);
    }

    /** Like {@link #lockForChanges}, but empty at once when another transaction holds the ticket. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<TicketView> tryLockForChanges(long ticketId) {
        return lockRow(ticketId, true);
    }

    private Optional<TicketView> lockRow(long ticketId, boolean skipLocked) {
        var lock = db.selectFrom(TICKET).where(TICKET.ID.eq(ticketId)).forUpdate();
        return (skipLocked ? lock.skipLocked() : lock).fetchOptional(TicketRepository::toView);
    }

    @Transactional(readOnly = true)
    public Optional<TicketView> find(long ticketId, ClientScope scope) {
        return db.selectFrom(TICKET)
                .where(TICKET.ID.eq(ticketId))
                .fetchOptional(TicketRepository::toView)
                .filter(t -> scope.permits(t.clientId()));
    }

    /** By the number customers see (in subjects, "[#1042]"). */
    @Transactional(readOnly = true)
    public Optional<TicketView> findByNumber(long number, ClientScope scope) {
        return db.selectFrom(TICKET)
                .where(TICKET.NUMBER.eq(number))
                .fetchOptional(TicketRepository::toView)
                .filter(t -> scope.permits(t.clientId()));
    }

    @Transactional(readOnly = true)
    public TicketDetails details(long ticketId, ClientScope scope) {
        TicketView ticket = find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        Map<Long, List<AttachmentView>> files = db.select(
                        ATTACHMENT.ID,
                        ATTACHMENT.MESSAGE_ID,
                        ATTACHMENT.FILENAME,
                        ATTACHMENT.CONTENT_TYPE,
                        ATTACHMENT.SIZE_BYTES)
                .from(ATTACHMENT)
                .join(MESSAGE)
                .on(MESSAGE.ID.eq(ATTACHMENT.MESSAGE_ID))
                .where(MESSAGE.TICKET_ID.eq(ticketId))
                .orderBy(ATTACHMENT.ID)
                .fetchGroups(
                        ATTACHMENT.MESSAGE_ID, r -> new AttachmentView(r.value1(), r.value3(), r.value4(), r.value5()));
        List<MessageView> messages = db.selectFrom(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId))
                .orderBy(MESSAGE.ID)
                .fetch(r -> toView(r, files.getOrDefault(r.getId(), List.of())));
        return new TicketDetails(ticket, messages);
    }

    @Transactional(readOnly = true)
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

    @Transactional(readOnly = true)
    public List<TicketView> customerTickets(long customerId, ClientScope scope, int limit) {
        return inbox.ofCustomer(customerId, scope, limit);
    }

    @Transactional(readOnly = true)
    public AttachmentContent attachment(long attachmentId, ClientScope scope) {
        var r = db.select(ATTACHMENT.FILENAME, ATTACHMENT.CONTENT_TYPE, ATTACHMENT.CONTENT, TICKET.CLIENT_ID)
                .from(ATTACHMENT)
                .join(MESSAGE)
                .on(MESSAGE.ID.eq(ATTACHMENT.MESSAGE_ID))
                .join(TICKET)
                .on(TICKET.ID.eq(MESSAGE.TICKET_ID))
                .where(ATTACHMENT.ID.eq(attachmentId))
                .fetchOne();
        if (r == null || !scope.permits(r.value4())) {
            throw new NotFound("attachment " + attachmentId);
        }
        return new AttachmentContent(r.value1(), r.value2(), r.value3());
    }

    @Transactional(readOnly = true)
    public MessageView message(long messageId) {
        return db.selectFrom(MESSAGE)
                .where(MESSAGE.ID.eq(messageId))
                .fetchOptional(r -> toView(r, attachmentsOf(messageId)))
                .orElseThrow(() -> new NotFound("message " + messageId));
    }

    private TicketView change(long ticketId, ClientScope scope, java.util.function.Consumer<Ticket> verb) {
        Ticket ticket = lock(ticketId, scope);
        verb.accept(ticket);
        tickets.save(ticket);
        publish(ticket);
        feed.announce(ticketId, ticket.clientId(), "updated");
        return find(ticketId, scope).orElseThrow();
    }

    private Ticket lock(long ticketId, ClientScope scope) {
        return tickets.lock(ticketId)
                .filter(t -> scope.permits(t.clientId()))
                .orElseThrow(() -> new NotFound("ticket " + ticketId));
    }

    private void publish(Ticket ticket) {
        ticket.takeEvents().forEach(events::publishEvent);
    }

    private long insertMessage(
            long ticketId,
            long channelId,
            MessageKind kind,
            Long authorUserId,
            Long authorCustomerId,
            String authorName,
            String text,
            String html,
            String externalId,
            Instant at,
            List<NewAttachment> files,
            boolean automated) {
        long id = db.insertInto(MESSAGE)
                .set(MESSAGE.TICKET_ID, ticketId)
                .set(MESSAGE.CHANNEL_ID, channelId)
                .set(MESSAGE.KIND, kind.key())
                .set(MESSAGE.AUTHOR_USER_ID, authorUserId)
                .set(MESSAGE.AUTHOR_CUSTOMER_ID, authorCustomerId)
                .set(MESSAGE.AUTHOR_NAME, authorName == null ? "" : authorName)
                .set(MESSAGE.BODY_TEXT, text == null ? "" : text)
                .set(MESSAGE.BODY_HTML, html)
                .set(MESSAGE.EXTERNAL_ID, externalId)
                .set(MESSAGE.CREATED_AT, at)
                .set(MESSAGE.AUTOMATED, automated)
                .returning(MESSAGE.ID)
                .fetchOne(MESSAGE.ID);
        for (NewAttachment file : files == null ? List.<NewAttachment>of() : files) {
            db.insertInto(ATTACHMENT)
                    .set(ATTACHMENT.MESSAGE_ID, id)
                    .set(ATTACHMENT.FILENAME, safeFilename(file.filename()))
                    .set(
                            ATTACHMENT.CONTENT_TYPE,
                            file.contentType() == null || file.contentType().isBlank()
                                    ? "application/octet-stream"
                                    : file.contentType())
                    .set(ATTACHMENT.SIZE_BYTES, (long) file.content().length)
                    .set(ATTACHMENT.SHA256, sha256(file.content()))
                    .set(ATTACHMENT.CONTENT, file.content())
                    .execute();
        }
        return id;
    }

    /** The oldest customer message (not an automated one) written after the given time, if any. */
    private Instant oldestCustomerMessageAfter(long ticketId, Instant after) {
        return db.select(DSL.min(MESSAGE.CREATED_AT))
                .from(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId))
                .and(MESSAGE.KIND.eq(MessageKind.INBOUND.key()))
                .and(MESSAGE.AUTOMATED.isFalse())
                .and(MESSAGE.CREATED_AT.gt(after))
                .fetchOne(0, Instant.class);
    }

    private List<AttachmentView> attachmentsOf(long messageId) {
        return db.select(ATTACHMENT.ID, ATTACHMENT.FILENAME, ATTACHMENT.CONTENT_TYPE, ATTACHMENT.SIZE_BYTES)
                .from(ATTACHMENT)
                .where(ATTACHMENT.MESSAGE_ID.eq(messageId))
                .orderBy(ATTACHMENT.ID)
                .fetch(r -> new AttachmentView(r.value1(), r.value2(), r.value3(), r.value4()));
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

    private static String safeFilename(String name) {
        String cleaned =
                name == null ? "" : name.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        if (cleaned.isEmpty()) {
            cleaned = "attachment";
        }
        return cleaned.length() > 200 ? cleaned.substring(cleaned.length() - 200) : cleaned;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageView toView(
            dev.kontor.tickets.db.tables.records.MessageRecord r, List<AttachmentView> files) {
        return new MessageView(
                r.getId(),
                r.getTicketId(),
                MessageKind.fromKey(r.getKind()),
                r.getAuthorUserId(),
                r.getAuthorName(),
                r.getBodyText(),
                r.getBodyHtml(),
                r.getExternalId(),
                r.getCreatedAt(),
                files,
                r.getAutomated());
    }
}
