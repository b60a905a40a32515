package dev.kontor.tickets;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.Text;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.domain.ChangeNotices;
import dev.kontor.tickets.domain.HistoricalFacts;
import dev.kontor.tickets.domain.HistoricalFacts.MessageFact;
import dev.kontor.tickets.domain.HtmlSanitizing;
import dev.kontor.tickets.domain.ImportWriter;
import dev.kontor.tickets.domain.ImportWriter.Known;
import dev.kontor.tickets.domain.ImportWriter.NewFile;
import dev.kontor.tickets.domain.ImportWriter.NewMessage;
import dev.kontor.tickets.domain.ImportWriter.NewTicket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk writes of tickets that happened elsewhere (a history import), set-based and idempotent: a ticket is known
 * by its external id within the client and the import's source, a message by its external id within the ticket's
 * channel, so writing the same tickets again creates nothing and a ticket with new messages gets only those. The
 * original times are kept. Historical messages publish no events and send nothing; they go through the one pass
 * (triage, rules, SLA) only when the caller asks.
 */
@Service
public class TicketImport {

    /** Prefix of the external ids of imported messages, so they never meet a channel's own message ids. */
    static final String MESSAGE_ID_PREFIX = "import:";

    private final ImportWriter writer;
    private final TicketSettings settings;
    private final ChangeNotices notices;
    private final Clock clock;

    TicketImport(ImportWriter writer, TicketSettings settings, ChangeNotices notices, Clock clock) {
        this.writer = writer;
        this.settings = settings;
        this.notices = notices;
        this.clock = clock;
    }

    /** A ticket as the other helpdesk had it; the times may be null where {@link HistoricalFacts} derives them. */
    public record HistoricalTicket(
            String externalId,
            long storeId,
            long channelId,
            long customerId,
            String subject,
            TicketStatus status,
            Priority priority,
            String category,
            String language,
            Long assigneeId,
            List<String> tags,
            List<String> orderRefs,
            Instant createdAt,
            Instant updatedAt,
            Instant firstResponseAt,
            Instant solvedAt,
            Instant closedAt,
            Instant statusSince,
            List<HistoricalMessage> messages) {

        public HistoricalTicket {
            externalId = Text.clean(externalId);
            subject = Text.clean(subject);
            status = status == null ? TicketStatus.CLOSED : status;
            priority = priority == null ? Priority.NORMAL : priority;
            tags = tags == null ? List.of() : tags;
            orderRefs = orderRefs == null ? List.of() : orderRefs;
            messages = messages == null ? List.of() : messages;
        }
    }

    /**
     * One message: {@code INBOUND} from the ticket's customer, {@code OUTBOUND} from the team, {@code NOTE} internal.
     * {@code externalId} null: the message is known by its ticket, time and kind instead.
     */
    public record HistoricalMessage(
            String externalId,
            MessageKind kind,
            String authorName,
            String bodyText,
            String bodyHtml,
            Instant at,
            boolean automated,
            List<NewAttachment> attachments) {

        public HistoricalMessage {
            externalId = Text.clean(externalId);
            authorName = Text.clean(authorName);
            bodyText = Text.clean(bodyText);
            bodyHtml = Text.clean(bodyHtml);
            attachments = attachments == null ? List.of() : attachments;
        }
    }

    /** What one write did. */
    public record Written(int ticketsCreated, int ticketsUpdated, int messagesCreated, int messagesSkipped) {}

    /** What is wrong with the ticket, each naming its field as the import format does ("messages[2].body"). */
    public List<FieldError> problems(HistoricalTicket t) {
        List<FieldError> errors = new ArrayList<>();
        if (t.externalId() == null || t.externalId().isBlank()) {
            errors.add(new FieldError("externalId", "is required"));
        } else if (t.externalId().length() > 200) {
            errors.add(new FieldError("externalId", "is longer than 200 characters"));
        }
        try {
            Tags.normalize(t.tags());
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
        }
        if (t.messages().isEmpty()) {
            errors.add(new FieldError("messages", "at least one message is required"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < t.messages().size(); i++) {
            HistoricalMessage m = t.messages().get(i);
            String field = "messages[" + i + "]";
            if (m.kind() == null) {
                errors.add(new FieldError(field + ".kind", "must be inbound, outbound or note"));
            }
            if (m.at() == null) {
                errors.add(new FieldError(field + ".createdAt", "is required"));
            }
            boolean noText = m.bodyText() == null || m.bodyText().isBlank();
            boolean noHtml = m.bodyHtml() == null || m.bodyHtml().isBlank();
            if (noText && noHtml) {
                errors.add(new FieldError(field + ".body", "must not be empty"));
            }
            int length = (m.bodyText() == null ? 0 : m.bodyText().length())
                    + (m.bodyHtml() == null ? 0 : m.bodyHtml().length());
            if (length > settings.maxBodyChars()) {
                errors.add(
                        new FieldError(field + ".body", "is longer than " + settings.maxBodyChars() + " characters"));
            }
            if (m.externalId() != null && m.externalId().length() > 200) {
                errors.add(new FieldError(field + ".externalId", "is longer than 200 characters"));
            } else if (m.externalId() != null && !ids.add(m.externalId())) {
                errors.add(new FieldError(field + ".externalId", "appears twice in this ticket"));
            }
            if (m.attachments().size() > settings.maxAttachmentsPerMessage()) {
                errors.add(new FieldError(
                        field + ".attachments", "at most " + settings.maxAttachmentsPerMessage() + " per message"));
            }
            for (NewAttachment a : m.attachments()) {
                if (a.content() == null || a.content().length > settings.maxAttachmentBytes()) {
                    errors.add(new FieldError(
                            field + ".attachments",
                            "'" + a.filename() + "' is over " + settings.maxAttachmentBytes() + " bytes"));
                }
            }
        }
        return errors;
    }

    /**
     * Writes a batch of one client's tickets in the caller's transaction. Tickets must be free of {@link #problems};
     * the batch is refused whole otherwise. {@code pass}: send the new customer messages through triage, rules and
     * SLA (and so possibly auto-replies) as if they had just arrived.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Written write(long clientId, String source, List<HistoricalTicket> batch, boolean pass) {
        for (HistoricalTicket t : batch) {
            List<FieldError> errors = problems(t);
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }
        // The last line of an external id wins when an export repeats a ticket within one batch.
        Map<String, HistoricalTicket> byId = new LinkedHashMap<>();
        batch.forEach(t -> byId.put(t.externalId(), t));
        writer.lockSource(clientId, source);
        Map<String, Known> known = writer.known(clientId, source, byId.keySet());

        List<HistoricalTicket> fresh = new ArrayList<>();
        List<NewTicket> freshRows = new ArrayList<>();
        for (HistoricalTicket t : byId.values()) {
            if (!known.containsKey(t.externalId())) {
                fresh.add(t);
                freshRows.add(row(clientId, t, HistoricalFacts.derive(stated(t), facts(t.messages()))));
            }
        }
        List<Long> freshIds = writer.insertTickets(
                clientId,
                source,
                freshRows,
                fresh.stream().map(HistoricalTicket::externalId).toList());

        // Messages of every ticket of the batch, less those the ticket's channel holds already.
        Map<String, Long> ticketIds = new LinkedHashMap<>();
        Map<String, Long> channelIds = new LinkedHashMap<>();
        Map<String, Long> customerIds = new LinkedHashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            ticketIds.put(fresh.get(i).externalId(), freshIds.get(i));
        }
        known.forEach((ext, k) -> ticketIds.put(ext, k.ticketId()));
        for (HistoricalTicket t : byId.values()) {
            Known k = known.get(t.externalId());
            channelIds.put(t.externalId(), k != null ? k.channelId() : t.channelId());
            customerIds.put(t.externalId(), t.customerId());
        }
        Map<HistoricalMessage, String> storedIds = new java.util.IdentityHashMap<>();
        for (HistoricalTicket t : byId.values()) {
            List<String> ids = messageIds(source, t);
            for (int i = 0; i < ids.size(); i++) {
                storedIds.put(t.messages().get(i), ids.get(i));
            }
        }
        Set<String> existing =
                new HashSet<>(writer.existingMessages(new HashSet<>(channelIds.values()), storedIds.values()));
        List<NewMessage> messages = new ArrayList<>();
        List<HistoricalMessage> sources = new ArrayList<>();
        Set<String> updated = new java.util.LinkedHashSet<>();
        int skipped = 0;
        for (HistoricalTicket t : byId.values()) {
            for (HistoricalMessage m : t.messages()) {
                String id = storedIds.get(m);
                if (!existing.add(id)) {
                    skipped++;
                    continue;
                }
                if (known.containsKey(t.externalId())) {
                    updated.add(t.externalId());
                }
                String html = HtmlSanitizing.sanitize(m.bodyHtml());
                String text = m.bodyText() != null && !m.bodyText().isBlank()
                        ? m.bodyText()
                        : HtmlSanitizing.textOfSanitized(html);
                messages.add(new NewMessage(
                        ticketIds.get(t.externalId()),
                        channelIds.get(t.externalId()),
                        m.kind(),
                        m.kind() == MessageKind.INBOUND ? customerIds.get(t.externalId()) : null,
                        m.authorName(),
                        text,
                        html,
                        id,
                        m.at(),
                        m.automated()));
                sources.add(m);
            }
        }
        List<Long> messageIds = writer.insertMessages(messages);
        List<NewFile> files = new ArrayList<>();
        List<long[]> toPass = new ArrayList<>();
        for (int i = 0; i < messageIds.size(); i++) {
            for (NewAttachment a : sources.get(i).attachments()) {
                files.add(new NewFile(
                        messageIds.get(i),
                        safeFilename(a.filename()),
                        a.contentType() == null || a.contentType().isBlank()
                                ? "application/octet-stream"
                                : a.contentType(),
                        a.content(),
                        sha256(a.content())));
            }
            if (pass && messages.get(i).kind() == MessageKind.INBOUND) {
                toPass.add(new long[] {messageIds.get(i), messages.get(i).ticketId()});
            }
        }
        writer.insertFiles(files);

        // Tickets an earlier import created and that got new messages now: their line's fields and recounted facts.
        if (!updated.isEmpty()) {
            Map<Long, List<MessageFact>> all =
                    writer.messageFacts(updated.stream().map(ticketIds::get).toList());
            for (String ext : updated) {
                HistoricalTicket t = byId.get(ext);
                long id = ticketIds.get(ext);
                writer.updateTicket(id, row(clientId, t, HistoricalFacts.derive(stated(t), all.get(id))));
            }
        }
        if (pass) {
            writer.enqueueForPass(toPass, clock.instant());
            toPass.stream().map(mt -> mt[1]).distinct().forEach(id -> notices.announce(id, clientId, "message"));
        }
        return new Written(fresh.size(), updated.size(), messages.size(), skipped);
    }

    /**
     * The stored external ids of the ticket's messages: each message's own id, else its ticket's id with its time
     * and kind (numbered when several share them), all prefixed with the source.
     */
    static List<String> messageIds(String source, HistoricalTicket t) {
        List<String> ids = new ArrayList<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (HistoricalMessage m : t.messages()) {
            String own;
            if (m.externalId() != null && !m.externalId().isBlank()) {
                own = m.externalId();
            } else {
                String derived = t.externalId() + "@" + m.at() + "/"
                        + (m.kind() == null ? "" : m.kind().key());
                int n = seen.merge(derived, 1, Integer::sum);
                own = n == 1 ? derived : derived + "#" + n;
            }
            ids.add(MESSAGE_ID_PREFIX + source + ":" + own);
        }
        return ids;
    }

    private static NewTicket row(long clientId, HistoricalTicket t, HistoricalFacts.Facts facts) {
        return new NewTicket(
                clientId,
                t.storeId(),
                t.channelId(),
                t.customerId(),
                subjectOf(t),
                t.status(),
                t.priority(),
                t.category(),
                t.language(),
                t.assigneeId(),
                Tags.normalize(t.tags()),
                t.orderRefs().stream()
                        .filter(r -> r != null && !r.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList(),
                facts);
    }

    private static HistoricalFacts.Stated stated(HistoricalTicket t) {
        return new HistoricalFacts.Stated(
                t.status(),
                t.createdAt(),
                t.updatedAt(),
                t.firstResponseAt(),
                t.solvedAt(),
                t.closedAt(),
                t.statusSince());
    }

    private static List<MessageFact> facts(List<HistoricalMessage> messages) {
        return messages.stream()
                .map(m -> new MessageFact(m.kind(), m.at(), m.automated()))
                .toList();
    }

    private static String subjectOf(HistoricalTicket t) {
        String subject = t.subject() == null ? "" : t.subject().strip().replaceAll("\\s+", " ");
        if (subject.isEmpty()) {
            HistoricalMessage first = t.messages().get(0);
            String text = first.bodyText() != null && !first.bodyText().isBlank()
                    ? first.bodyText()
                    : HtmlSanitizing.toText(first.bodyHtml());
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
}
