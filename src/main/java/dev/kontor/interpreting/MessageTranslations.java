package dev.kontor.interpreting;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.interpreting.internal.MessageTranslationRepository;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketDetails;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import dev.kontor.translation.TranslationFailed;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Customer messages in the reader's language. A translation is made once per message and target language and kept;
 * reading never waits on a provider: what is missing is queued and made in the background ({@link
 * TranslationWork}). Every method that takes a {@link ClientScope} treats a ticket
 * outside it as not existing.
 */
@Service
public class MessageTranslations {

    private final MessageTranslationRepository stored;
    private final TicketQueries tickets;
    private final AccountManagement accounts;
    private final Translating translating;
    private final Clock clock;

    MessageTranslations(
            MessageTranslationRepository stored,
            TicketQueries tickets,
            AccountManagement accounts,
            Translating translating,
            Clock clock) {
        this.stored = stored;
        this.tickets = tickets;
        this.accounts = accounts;
        this.translating = translating;
        this.clock = clock;
    }

    /** The language the user reads in: the first of their languages, else the language of their interface. */
    public String readingLanguage(long userId) {
        return readingLanguage(accounts.user(userId));
    }

    static String readingLanguage(UserView user) {
        return user.languages().stream()
                .filter(LanguageCode::isKnown)
                .findFirst()
                .orElse(user.locale() == null ? "en" : user.locale().substring(0, 2));
    }

    /** The user as a reader of tickets: the languages they read, translations made into the first. */
    public Reader reader(long userId) {
        UserView user = accounts.user(userId);
        return new Reader(readingLanguage(user), user.languages());
    }

    /** {@link #forReader(TicketDetails, Reader)} for a reader of one language. */
    public Map<Long, MessageTranslationView> forReader(TicketDetails details, String readerLanguage) {
        return forReader(details, new Reader(readerLanguage, List.of(readerLanguage)));
    }

    /**
     * What the reader sees of the ticket's customer messages: their translations into the reader's language by
     * message id (empty when the reader reads the ticket's language). Missing ones are queued, not made here.
     */
    public Map<Long, MessageTranslationView> forReader(TicketDetails details, Reader reader) {
        TicketView t = details.ticket();
        if (!reader.readsThroughTranslation(t)) {
            return Map.of();
        }
        String readerLanguage = reader.language();
        List<Long> inbound = details.messages().stream()
                .filter(m -> m.kind() == MessageKind.INBOUND)
                .map(MessageView::id)
                .toList();
        Map<Long, MessageTranslationView> found = stored.ofMessages(inbound).stream()
                .filter(v -> v.targetLanguage().equals(readerLanguage))
                .collect(Collectors.toMap(MessageTranslationView::messageId, v -> v));
        var now = clock.instant();
        Map<Long, MessageTranslationView> result = new LinkedHashMap<>();
        for (long id : inbound) {
            if (!found.containsKey(id)) {
                stored.queue(id, t.id(), t.clientId(), readerLanguage, now);
                stored.find(id, readerLanguage).ifPresent(v -> result.put(id, v));
            } else {
                result.put(id, found.get(id));
            }
        }
        return result;
    }

    /** Every stored translation of these messages, by message id (the caller checked access to their tickets). */
    public Map<Long, List<MessageTranslationView>> of(Collection<Long> messageIds) {
        return stored.ofMessages(messageIds).stream()
                .collect(Collectors.groupingBy(
                        MessageTranslationView::messageId, LinkedHashMap::new, Collectors.toList()));
    }

    /**
     * The message in {@code targetLanguage}: the stored translation when there is one, else made now (an agent's
     * retry, an API request). A failure is stored and thrown as the provider's named error.
     */
    public MessageTranslationView request(long ticketId, long messageId, ClientScope scope, String targetLanguage) {
        if (!LanguageCode.isKnown(targetLanguage)) {
            throw InvalidInput.of("targetLanguage", "must be a known two-letter language code");
        }
        TicketDetails details = tickets.details(ticketId, scope);
        MessageView message = details.messages().stream()
                .filter(m -> m.id() == messageId && m.kind() != MessageKind.NOTE)
                .findFirst()
                .orElseThrow(() -> new NotFound("message " + messageId));
        Optional<MessageTranslationView> existing = stored.find(messageId, targetLanguage);
        if (existing.isPresent() && existing.get().ok()) {
            return existing.get();
        }
        TicketView t = details.ticket();
        stored.startAttempt(messageId, t.id(), t.clientId(), targetLanguage, clock.instant());
        try {
            translating.translateMessage(t, message, targetLanguage);
        } catch (TranslationFailed e) {
            stored.failed(messageId, targetLanguage, e.provider(), e.getMessage(), null, clock.instant());
            throw e;
        }
        return stored.find(messageId, targetLanguage).orElseThrow();
    }

    /** Like {@link #request}, for the ticket page: a failure is stored and answered as the failed translation. */
    public MessageTranslationView retry(long ticketId, long messageId, ClientScope scope, String targetLanguage) {
        try {
            return request(ticketId, messageId, scope, targetLanguage);
        } catch (TranslationFailed e) {
            return stored.find(messageId, targetLanguage).orElseThrow();
        }
    }

    /** Queues the translations the ticket's agent needs (called when the ticket reaches an agent or changes). */
    public int prepareForAssignee(long ticketId) {
        TicketView t = tickets.find(ticketId, ClientScope.everything()).orElse(null);
        if (t == null || t.assigneeId() == null) {
            return 0;
        }
        Reader assignee = reader(t.assigneeId());
        // Without a provider for the pair nothing is queued: the page says translation is not configured instead.
        if (!assignee.readsThroughTranslation(t) || !configured(t.clientId(), t.language(), assignee.language())) {
            return 0;
        }
        String reader = assignee.language();
        var now = clock.instant();
        int queued = 0;
        for (MessageView m : tickets.details(ticketId, ClientScope.everything()).messages()) {
            if (m.kind() == MessageKind.INBOUND && stored.queue(m.id(), t.id(), t.clientId(), reader, now)) {
                queued++;
            }
        }
        return queued;
    }

    public boolean configured(long clientId, String source, String target) {
        return translating.covers(clientId, source, target);
    }
}
