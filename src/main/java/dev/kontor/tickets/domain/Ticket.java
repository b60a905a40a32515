package dev.kontor.tickets.domain;

import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketErrors.IllegalStatusChange;
import dev.kontor.tickets.TicketErrors.TicketClosed;
import dev.kontor.tickets.TicketEvents.TicketAssigned;
import dev.kontor.tickets.TicketEvents.TicketPriorityChanged;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketEvents.TicketTagsChanged;
import dev.kontor.tickets.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The ticket aggregate. Every change goes through a verb here, which checks the state and records an event. */
public class Ticket {

    private static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N}_:.-]{0,49}$");
    static final int MAX_TAGS = 30;

    Long id;
    Long number;
    final long clientId;
    final long storeId;
    final long channelId;
    final long customerId;
    String subject;
    TicketStatus status;
    Priority priority;
    String category;
    String language;
    Long assigneeId;
    Long teamId;
    List<String> tags;
    List<String> orderRefs;
    int messageCount;
    final Instant createdAt;
    Instant updatedAt;
    Instant lastMessageAt;
    Instant firstResponseAt;
    Instant solvedAt;
    Instant closedAt;
    Instant replyNeededSince;
    boolean noReplyNeeded;
    boolean triageCorrected;
    Instant slaDueAt;
    String slaMetric;
    Instant statusSince;
    /**
     * The customer's oldest message after the team's latest reply; null when the team has answered. Automated
     * messages (an out-of-office sent to us, Kontor's own auto-replies) neither start nor end the wait.
     */
    Instant customerWaitingSince;
    /** When the team last answered (by time written, not by arrival: a channel may report a reply late). */
    Instant teamRepliedAt;

    // Events are built when taken, after the first save has given the ticket its id.
    private final List<LongFunction<Object>> events = new ArrayList<>();

    Ticket(long clientId, long storeId, long channelId, long customerId, Instant createdAt) {
        this.clientId = clientId;
        this.storeId = storeId;
        this.channelId = channelId;
        this.customerId = customerId;
        this.createdAt = createdAt;
    }

    /** A customer's first message opens a ticket; an automated one does not start the customer's wait. */
    public static Ticket open(
            long clientId,
            long storeId,
            long channelId,
            long customerId,
            String subject,
            Instant at,
            boolean automated) {
        Ticket t = new Ticket(clientId, storeId, channelId, customerId, at);
        t.subject = subject;
        t.status = TicketStatus.NEW;
        t.priority = Priority.NORMAL;
        t.tags = List.of();
        t.orderRefs = List.of();
        t.messageCount = 1;
        t.updatedAt = at;
        t.lastMessageAt = at;
        t.statusSince = at;
        t.customerWaitingSince = automated ? null : at;
        return t;
    }

    /**
     * The customer wrote again: a waiting or solved ticket needs the team's attention once more. The wait starts at
     * the oldest message written after the team's latest reply, whatever order the channel delivers them in.
     */
    public void customerWrote(Instant at, boolean automated) {
        requireNotClosed();
        messageCount++;
        lastMessageAt = at;
        boolean unanswered = teamRepliedAt == null || at.isAfter(teamRepliedAt);
        if (!automated && unanswered && (customerWaitingSince == null || at.isBefore(customerWaitingSince))) {
            customerWaitingSince = at;
        }
        touch(at);
        if (status == TicketStatus.PENDING || status == TicketStatus.ON_HOLD || status == TicketStatus.SOLVED) {
            moveTo(TicketStatus.OPEN, at);
        }
    }

    /**
     * An agent answered the customer; the first answer is the first response. It answers the customer's messages
     * written before it; {@code oldestCustomerMessageAfter} finds one written after it (only asked when the reply
     * is older than the wait, i.e. a channel reports it late).
     */
    public void replied(Instant at, TicketStatus then, UnaryOperator<Instant> oldestCustomerMessageAfter) {
        requireNotClosed();
        messageCount++;
        lastMessageAt = at;
        if (firstResponseAt == null) {
            firstResponseAt = at;
        }
        if (teamRepliedAt == null || at.isAfter(teamRepliedAt)) {
            teamRepliedAt = at;
        }
        if (customerWaitingSince != null && !customerWaitingSince.isAfter(teamRepliedAt)) {
            customerWaitingSince = oldestCustomerMessageAfter.apply(teamRepliedAt);
        }
        touch(at);
        TicketStatus target = then != null ? then : (status == TicketStatus.NEW ? TicketStatus.OPEN : status);
        if (target != status) {
            moveTo(target, at);
        }
    }

    /**
     * Kontor answered by itself (a rule's auto-reply): a message to the customer, but no response by the team, so
     * neither the first-response clock nor the status moves.
     */
    public void autoReplied(Instant at) {
        requireNotClosed();
        messageCount++;
        lastMessageAt = at;
        touch(at);
    }

    /** A rule sets the category; unlike an agent's correction, automatic triage may still refine "other". */
    public boolean categorize(String newCategory, Instant at) {
        if (Objects.equals(category, newCategory)) {
            return false;
        }
        category = newCategory;
        touch(at);
        return true;
    }

    /**
     * Automatic triage: language and category are set only while no agent has corrected them; order references
     * are added. Returns whether anything changed.
     */
    public boolean triaged(String newLanguage, String newCategory, List<String> refs, Instant at) {
        List<String> before = orderRefs;
        String languageBefore = language;
        String categoryBefore = category;
        if (!triageCorrected) {
            if (newLanguage != null && (language == null || "unknown".equals(language))) {
                language = newLanguage;
            }
            if (newCategory != null && (category == null || "other".equals(category))) {
                category = newCategory;
            }
        }
        concernsOrders(refs);
        boolean changed = !Objects.equals(before, orderRefs)
                || !Objects.equals(languageBefore, language)
                || !Objects.equals(categoryBefore, category);
        if (changed) {
            touch(at);
        }
        return changed;
    }

    /** An agent sets language and category; automatic triage will not change them again. */
    public void correctTriage(String newLanguage, String newCategory, Instant at) {
        language = newLanguage;
        category = newCategory;
        triageCorrected = true;
        touch(at);
    }

    /** The next SLA deadline and its metric (first_response, next_response, resolution), or none. */
    public boolean slaScheduled(Instant dueAt, String metric) {
        if (Objects.equals(slaDueAt, dueAt) && Objects.equals(slaMetric, metric)) {
            return false;
        }
        slaDueAt = dueAt;
        slaMetric = metric;
        return true;
    }

    private static final Instant NO_DEADLINE = Instant.parse("3000-01-01T00:00:00Z");

    /** The queue order: the deadline, else far away with urgent before high before normal before low. */
    public Instant queueKey() {
        return queueKey(slaDueAt, priority);
    }

    /** The queue order of a ticket with this deadline (or none) and priority. */
    public static Instant queueKey(Instant slaDueAt, Priority priority) {
        if (slaDueAt != null) {
            return slaDueAt;
        }
        int rank = switch (priority) {
            case URGENT -> 3;
            case HIGH -> 2;
            case NORMAL -> 1;
            case LOW -> 0;
        };
        return NO_DEADLINE.minus(java.time.Duration.ofDays(rank));
    }

    /** The channel names orders this ticket is about; known ones are kept, new ones added. */
    public void concernsOrders(List<String> refs) {
        if (refs == null || refs.isEmpty()) {
            return;
        }
        Set<String> all = new LinkedHashSet<>(orderRefs);
        refs.stream().filter(r -> r != null && !r.isBlank()).map(String::strip).forEach(all::add);
        orderRefs = List.copyOf(all);
    }

    /**
     * What the channel counts: since when it waits for a reply (null when answered) and whether someone marked the
     * conversation as needing none. Returns whether anything changed.
     */
    public boolean channelAttention(Instant needsReplySince, boolean noReplyNeededMark, Instant at) {
        if (Objects.equals(replyNeededSince, needsReplySince) && noReplyNeeded == noReplyNeededMark) {
            return false;
        }
        replyNeededSince = needsReplySince;
        noReplyNeeded = noReplyNeededMark;
        touch(at);
        return true;
    }

    public void noted(Instant at) {
        messageCount++;
        touch(at);
    }

    public void moveTo(TicketStatus target, Instant at) {
        if (target == status) {
            return;
        }
        if (!status.canMoveTo(target)) {
            throw new IllegalStatusChange(status, target);
        }
        TicketStatus from = status;
        status = target;
        statusSince = at;
        if (target == TicketStatus.SOLVED) {
            solvedAt = at;
        } else if (target == TicketStatus.CLOSED) {
            closedAt = at;
        } else if (from == TicketStatus.SOLVED) {
            solvedAt = null;
        }
        touch(at);
        events.add(ticketId -> new TicketStatusChanged(ticketId, clientId, from.key(), target.key()));
    }

    /** Hands the ticket to an agent (or to nobody); the caller checks the agent serves this client. */
    public void assignTo(Long userId, Long team, Instant at) {
        if (Objects.equals(assigneeId, userId) && Objects.equals(teamId, team)) {
            return;
        }
        requireNotClosed();
        assigneeId = userId;
        teamId = team;
        if (status == TicketStatus.NEW && userId != null) {
            status = TicketStatus.OPEN;
            statusSince = at;
            events.add(ticketId ->
                    new TicketStatusChanged(ticketId, clientId, TicketStatus.NEW.key(), TicketStatus.OPEN.key()));
        }
        touch(at);
        events.add(ticketId -> new TicketAssigned(ticketId, clientId, userId, team));
    }

    public void retag(List<String> newTags, Instant at) {
        List<String> normalized = normalizeTags(newTags);
        if (normalized.equals(tags)) {
            return;
        }
        List<String> added = normalized.stream().filter(t -> !tags.contains(t)).toList();
        tags = normalized;
        touch(at);
        List<String> tagged = tags;
        events.add(ticketId -> new TicketTagsChanged(ticketId, clientId, tagged, added));
    }

    public void prioritize(Priority newPriority, Instant at) {
        if (newPriority == priority) {
            return;
        }
        priority = newPriority;
        touch(at);
        String key = priority.key();
        events.add(ticketId -> new TicketPriorityChanged(ticketId, clientId, key));
    }

    public static List<String> normalizeTags(List<String> raw) {
        Set<String> result = new LinkedHashSet<>();
        for (String tag : raw == null ? List.<String>of() : raw) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            String t = tag.strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(t).matches()) {
                throw InvalidInput.of("tags", "'" + t + "' is not a valid tag (letters, digits, _ : . -, at most 50)");
            }
            result.add(t);
        }
        if (result.size() > MAX_TAGS) {
            throw InvalidInput.of("tags", "at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(result);
    }

    private void requireNotClosed() {
        if (status == TicketStatus.CLOSED) {
            throw new TicketClosed(number == null ? 0 : number);
        }
    }

    private void touch(Instant at) {
        updatedAt = at;
    }

    /** The events of the changes since the last call; the ticket must have been saved (it has an id). */
    public List<Object> takeEvents() {
        List<Object> taken = events.stream().map(e -> e.apply(id)).toList();
        events.clear();
        return taken;
    }

    public Long id() {
        return id;
    }

    public long number() {
        return number;
    }

    public long clientId() {
        return clientId;
    }

    public long channelId() {
        return channelId;
    }

    public long customerId() {
        return customerId;
    }

    public TicketStatus status() {
        return status;
    }

    public String language() {
        return language;
    }

    public Long assigneeId() {
        return assigneeId;
    }

    public Long teamId() {
        return teamId;
    }

    public List<String> tags() {
        return tags;
    }
}
