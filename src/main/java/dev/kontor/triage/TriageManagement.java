package dev.kontor.triage;

import static dev.kontor.triage.db.Tables.CORRECTION;
import static dev.kontor.triage.db.Tables.KEYWORD;

import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketDetails;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import dev.kontor.triage.internal.TriageEngine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Triage on every inbound message, agents' corrections (recorded, and learned from), and clients' keywords. */
@Service
public class TriageManagement {

    private final Triage triage;
    private final TriageEngine engine;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final TriageSettings settings;
    private final DSLContext db;
    private final Clock clock;

    TriageManagement(
            Triage triage,
            TriageEngine engine,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            TriageSettings settings,
            DSLContext db,
            Clock clock) {
        this.triage = triage;
        this.engine = engine;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.settings = settings;
        this.db = db;
        this.clock = clock;
    }

    /**
     * An agent sets language and category. The change is recorded, automatic triage keeps off the ticket from
     * now on, and a new category teaches the classifier the words of the ticket's first message for this client.
     */
    @Transactional
    public TicketView correct(long ticketId, ClientScope scope, Actor actor, String language, String category) {
        String lang =
                language == null || language.isBlank() ? null : language.strip().toLowerCase(java.util.Locale.ROOT);
        if (lang != null && !TriageResult.UNKNOWN_LANGUAGE.equals(lang) && !LanguageCode.isKnown(lang)) {
            throw InvalidInput.of("language", "must be a known two-letter language code or \"unknown\"");
        }
        Category cat = category == null || category.isBlank()
                ? null
                : Category.fromKey(category.strip())
                        .orElseThrow(() -> InvalidInput.of("category", "unknown category '" + category + "'"));
        TicketView before = tickets.correctTriage(ticketId, scope, lang, cat == null ? null : cat.key());
        if (Objects.equals(before.language(), lang)
                && Objects.equals(before.category(), cat == null ? null : cat.key())) {
            return ticketQueries.find(ticketId, scope).orElseThrow();
        }
        db.insertInto(CORRECTION)
                .set(CORRECTION.TICKET_ID, ticketId)
                .set(CORRECTION.CLIENT_ID, before.clientId())
                .set(CORRECTION.USER_ID, actor.userId())
                .set(CORRECTION.USER_NAME, actor.name())
                .set(CORRECTION.FROM_LANGUAGE, before.language())
                .set(CORRECTION.TO_LANGUAGE, lang)
                .set(CORRECTION.FROM_CATEGORY, before.category())
                .set(CORRECTION.TO_CATEGORY, cat == null ? null : cat.key())
                .set(CORRECTION.AT, clock.instant())
                .execute();
        if (cat != null && !Objects.equals(before.category(), cat.key())) {
            TicketDetails details = ticketQueries.details(ticketId, scope);
            details.messages().stream()
                    .filter(m -> m.kind() == MessageKind.INBOUND)
                    .findFirst()
                    .ifPresent(m -> engine.learn(before.clientId(), cat, before.subject(), m.bodyText()));
        }
        return ticketQueries.find(ticketId, scope).orElseThrow();
    }

    /** A correction as the record shows it. */
    public record CorrectionView(
            long ticketId,
            String userName,
            String fromLanguage,
            String toLanguage,
            String fromCategory,
            String toCategory,
            Instant at) {}

    @Transactional(readOnly = true)
    public List<CorrectionView> corrections(ClientScope scope, int limit) {
        return db
                .selectFrom(CORRECTION)
                .orderBy(CORRECTION.AT.desc())
                .limit(Math.max(1, Math.min(limit, 1000)) * 4)
                .fetch()
                .stream()
                .filter(r -> scope.permits(r.getClientId()))
                .limit(Math.max(1, Math.min(limit, 1000)))
                .map(r -> new CorrectionView(
                        r.getTicketId(),
                        r.getUserName(),
                        r.getFromLanguage(),
                        r.getToLanguage(),
                        r.getFromCategory(),
                        r.getToCategory(),
                        r.getAt()))
                .toList();
    }

    /** A client's own phrase that points to a category (or, with a negative weight, away from it). */
    public record KeywordView(long id, long clientId, String category, String phrase, double weight) {}

    @Transactional
    public KeywordView addKeyword(long clientId, String category, String phrase, Double weight) {
        Category cat = Category.fromKey(category == null ? "" : category.strip())
                .orElseThrow(() -> InvalidInput.of("category", "unknown category '" + category + "'"));
        if (phrase == null || phrase.strip().length() < 3 || phrase.length() > 100) {
            throw InvalidInput.of("phrase", "must have 3 to 100 characters");
        }
        double w = weight == null ? 3 : weight;
        if (w < -10 || w > 10) {
            throw InvalidInput.of("weight", "must be between -10 and 10");
        }
        long id = db.insertInto(KEYWORD)
                .set(KEYWORD.CLIENT_ID, clientId)
                .set(KEYWORD.CATEGORY, cat.key())
                .set(KEYWORD.PHRASE, phrase.strip())
                .set(KEYWORD.WEIGHT, BigDecimal.valueOf(w))
                .set(KEYWORD.CREATED_AT, clock.instant())
                .onConflict(KEYWORD.CLIENT_ID, KEYWORD.PHRASE, KEYWORD.CATEGORY)
                .doUpdate()
                .set(KEYWORD.WEIGHT, BigDecimal.valueOf(w))
                .returning(KEYWORD.ID)
                .fetchSingle(KEYWORD.ID);
        return new KeywordView(id, clientId, cat.key(), phrase.strip(), w);
    }

    @Transactional(readOnly = true)
    public List<KeywordView> keywords(ClientScope scope) {
        return db.selectFrom(KEYWORD).orderBy(KEYWORD.CLIENT_ID, KEYWORD.CATEGORY, KEYWORD.PHRASE).fetch().stream()
                .filter(k -> scope.permits(k.getClientId()))
                .map(k -> new KeywordView(
                        k.getId(),
                        k.getClientId(),
                        k.getCategory(),
                        k.getPhrase(),
                        k.getWeight().doubleValue()))
                .toList();
    }

    @Transactional
    public void deleteKeyword(long id) {
        if (db.deleteFrom(KEYWORD).where(KEYWORD.ID.eq(id)).execute() == 0) {
            throw new NotFound("keyword " + id);
        }
    }

    /** The configured languages, for pickers. */
    public List<String> languages() {
        return settings.languages();
    }
}
