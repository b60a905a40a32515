package dev.kontor.sla;

import static dev.kontor.sla.db.Tables.CALENDAR;
import static dev.kontor.sla.db.Tables.POLICY;
import static dev.kontor.sla.db.Tables.TICKET_CLOCK;

import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.sla.db.tables.records.CalendarRecord;
import dev.kontor.sla.db.tables.records.PolicyRecord;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** SLA policies and calendars per client (admins), and a ticket's SLA for the ticket page. */
@Service
public class SlaManagement {

    private static final Set<String> CATEGORIES = Set.of(
            "cancellation",
            "where_is_my_order",
            "return",
            "refund",
            "damaged_or_defective",
            "invoice",
            "quote",
            "product_question",
            "address_change",
            "other");

    private static final int MAX_HOLIDAYS = 1000;

    private final DSLContext db;
    private final SlaClocks clocks;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final ClientManagement clients;
    private final Clock clock;

    SlaManagement(
            DSLContext db,
            SlaClocks clocks,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            ClientManagement clients,
            Clock clock) {
        this.db = db;
        this.clocks = clocks;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.clients = clients;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<SlaPolicyView> policies(ClientScope scope) {
        return db.selectFrom(POLICY).orderBy(POLICY.CLIENT_ID, POLICY.POSITION, POLICY.ID).fetch().stream()
                .filter(p -> scope.permits(p.getClientId()))
                .map(SlaManagement::view)
                .toList();
    }

    @Transactional
    public SlaPolicyView savePolicy(SlaPolicyView p) {
        validate(p);
        if (clients.client(p.clientId()).isEmpty()) {
            throw InvalidInput.of("clientId", "unknown client");
        }
        if (p.storeId() != null
                && clients.store(p.storeId())
                        .filter(st -> st.clientId() == p.clientId())
                        .isEmpty()) {
            throw InvalidInput.of("storeId", "no store of this client has this id");
        }
        if (p.calendarId() != null
                && !db.fetchExists(CALENDAR, CALENDAR.ID.eq(p.calendarId()).and(CALENDAR.CLIENT_ID.eq(p.clientId())))) {
            throw InvalidInput.of("calendarId", "no calendar of this client has this id");
        }
        PolicyRecord r = p.id() == null
                ? db.newRecord(POLICY)
                : db.selectFrom(POLICY)
                        .where(POLICY.ID.eq(p.id()))
                        .fetchOptional()
                        .orElseThrow(() -> new NotFound("policy " + p.id()));
        r.setClientId(p.clientId());
        r.setName(p.name().strip());
        r.setPosition(p.position());
        r.setEnabled(p.enabled());
        r.setStoreId(p.storeId());
        r.setChannelKind(blank(p.channelKind()));
        r.setCategory(blank(p.category()));
        r.setTag(blank(p.tag()));
        r.setCustomerTier(blank(p.customerTier()));
        r.setPriority(blank(p.priority()));
        r.setFirstResponseMinutes(p.firstResponseMinutes());
        r.setNextResponseMinutes(p.nextResponseMinutes());
        r.setResolutionMinutes(p.resolutionMinutes());
        r.setClock(p.clock() == null || p.clock().isBlank() ? "calendar" : p.clock());
        r.setCalendarId(p.calendarId());
        r.store();
        return view(r);
    }

    @Transactional
    public void deletePolicy(long id) {
        if (db.deleteFrom(POLICY).where(POLICY.ID.eq(id)).execute() == 0) {
            throw new NotFound("policy " + id);
        }
    }

    @Transactional(readOnly = true)
    public List<SlaCalendarView> calendars(ClientScope scope) {
        return db.selectFrom(CALENDAR).orderBy(CALENDAR.CLIENT_ID, CALENDAR.NAME).fetch().stream()
                .filter(c -> scope.permits(c.getClientId()))
                .map(SlaManagement::view)
                .toList();
    }

    /**
     * Saves a calendar after checking every field: hours and time zone as the SLA reads them, holidays as real dates
     * (repeats dropped, sorted), a known client and a name not used by another of its calendars. Whatever is wrong
     * comes back as field errors, all at once.
     */
    @Transactional
    public SlaCalendarView saveCalendar(SlaCalendarView c) {
        List<FieldError> errors = new ArrayList<>();
        if (c.name() == null || c.name().isBlank() || c.name().length() > 100) {
            errors.add(new FieldError("name", "must have 1 to 100 characters"));
        }
        if (clients.client(c.clientId()).isEmpty()) {
            errors.add(new FieldError("clientId", "unknown client"));
        }
        List<LocalDate> holidays = c.holidays() == null ? List.of() : c.holidays();
        if (holidays.size() > MAX_HOLIDAYS) {
            errors.add(new FieldError("holidays", "at most " + MAX_HOLIDAYS + " dates"));
        }
        for (int i = 0; i < holidays.size() && i < MAX_HOLIDAYS; i++) {
            LocalDate d = holidays.get(i);
            if (d == null || d.getYear() < 1900 || d.getYear() > 2999) {
                errors.add(new FieldError("holidays[" + i + "]", "is not a date between 1900 and 2999"));
            }
        }
        // Zone and hours checked apart, so a form with both wrong shows both.
        try {
            BusinessCalendar.of(c.timeZone(), "mon 00:00-24:00", Set.of());
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
        }
        try {
            BusinessCalendar.of("UTC", c.hours(), Set.of());
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
        }
        if (errors.isEmpty()
                && db.fetchExists(
                        CALENDAR,
                        CALENDAR.CLIENT_ID
                                .eq(c.clientId())
                                .and(CALENDAR.NAME.eq(c.name().strip()))
                                .and(c.id() == null ? DSL.trueCondition() : CALENDAR.ID.ne(c.id())))) {
            errors.add(new FieldError("name", "is already used by another calendar of this client"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        CalendarRecord r = c.id() == null
                ? db.newRecord(CALENDAR)
                : db.selectFrom(CALENDAR)
                        .where(CALENDAR.ID.eq(c.id()))
                        .fetchOptional()
                        .orElseThrow(() -> new NotFound("calendar " + c.id()));
        r.setClientId(c.clientId());
        r.setName(c.name().strip());
        r.setTimeZone(c.timeZone().strip());
        r.setHours(c.hours().strip());
        r.setHolidays(new TreeSet<>(holidays).toArray(LocalDate[]::new));
        r.store();
        // Tickets that counted every hour because this calendar could not be read get their real deadlines back.
        db.selectDistinct(TICKET_CLOCK.TICKET_ID)
                .from(TICKET_CLOCK)
                .join(POLICY)
                .on(POLICY.ID.eq(TICKET_CLOCK.POLICY_ID))
                .where(POLICY.CALENDAR_ID.eq(r.getId()).and(TICKET_CLOCK.PROBLEM.isNotNull()))
                .fetch(TICKET_CLOCK.TICKET_ID)
                .forEach(clocks::recompute);
        return view(r);
    }

    /**
     * A rule applies this policy to the ticket: it governs the ticket's deadlines from now on, whatever the
     * policies' conditions say. The policy must belong to the ticket's client.
     */
    @Transactional
    public void applyPolicy(long ticketId, long policyId) {
        TicketView t = tickets.lockForChanges(ticketId).orElseThrow(() -> new NotFound("ticket " + ticketId));
        PolicyRecord p = db.selectFrom(POLICY)
                .where(POLICY.ID.eq(policyId))
                .fetchOptional()
                .orElseThrow(() -> new NotFound("policy " + policyId));
        if (p.getClientId() != t.clientId()) {
            throw InvalidInput.of("policyId", "belongs to another client than the ticket");
        }
        db.insertInto(TICKET_CLOCK)
                .set(TICKET_CLOCK.TICKET_ID, ticketId)
                .set(TICKET_CLOCK.CLIENT_ID, t.clientId())
                .set(TICKET_CLOCK.APPLIED_POLICY_ID, policyId)
                .set(TICKET_CLOCK.UPDATED_AT, clock.instant())
                .onConflict(TICKET_CLOCK.TICKET_ID)
                .doUpdate()
                .set(TICKET_CLOCK.APPLIED_POLICY_ID, policyId)
                .execute();
        clocks.recompute(ticketId);
    }

    /** A ticket whose SLA is not worked out as configured, and why (newest first), for admins. */
    public record SlaProblem(long ticketId, long ticketNumber, String problem, Instant since) {}

    @Transactional(readOnly = true)
    public List<SlaProblem> problems(ClientScope scope, int limit) {
        return db
                .selectFrom(TICKET_CLOCK)
                .where(TICKET_CLOCK.PROBLEM.isNotNull())
                .orderBy(TICKET_CLOCK.PROBLEM_AT.desc())
                .limit(limit * 4)
                .fetch()
                .stream()
                .filter(r -> scope.permits(r.getClientId()))
                .flatMap(r -> ticketQueries.find(r.getTicketId(), scope).stream()
                        .map(t -> new SlaProblem(t.id(), t.number(), r.getProblem(), r.getProblemAt())))
                .limit(limit)
                .toList();
    }

    /** Calendars the SLA cannot read as stored, with the reason (by calendar id). */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> unreadableCalendars(ClientScope scope) {
        java.util.Map<Long, String> out = new java.util.TreeMap<>();
        for (CalendarRecord c : db.selectFrom(CALENDAR).fetch()) {
            if (!scope.permits(c.getClientId())) {
                continue;
            }
            try {
                BusinessCalendar.of(c.getTimeZone(), c.getHours(), SlaClocks.holidays(c.getHolidays()));
            } catch (InvalidInput e) {
                out.put(c.getId(), e.getMessage());
            }
        }
        return out;
    }

    /** Whether the ticket's SLA calendar is open at {@code at} (always, without a calendar). */
    @Transactional(readOnly = true)
    public boolean insideBusinessHours(TicketView ticket, Instant at) {
        return clocks.insideBusinessHours(ticket, at);
    }

    @Transactional(readOnly = true)
    public Optional<SlaPolicyView> policy(long id) {
        return db.selectFrom(POLICY).where(POLICY.ID.eq(id)).fetchOptional().map(SlaManagement::view);
    }

    /** The ticket's SLA now (deadlines, pause, cancellation guard), for the ticket page and the API. */
    @Transactional(readOnly = true)
    public TicketSla ticketSla(long ticketId, ClientScope scope) {
        TicketView t = ticketQueries.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        SlaClocks.Computed c;
        try {
            c = clocks.compute(t, false);
        } catch (org.springframework.dao.DataAccessException | org.jooq.exception.DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            // The page still opens and says what is wrong; the recompute that failed has logged it.
            return new TicketSla(null, List.of(), false, null, "the SLA could not be worked out: " + e.getMessage());
        }
        return new TicketSla(
                c.policy() == null ? null : c.policy().getName(), c.deadlines(), c.paused(), c.guard(), c.problem());
    }

    private static void validate(SlaPolicyView p) {
        if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
            throw InvalidInput.of("name", "must have 1 to 100 characters");
        }
        if (p.category() != null && !p.category().isBlank() && !CATEGORIES.contains(p.category())) {
            throw InvalidInput.of("category", "unknown category '" + p.category() + "'");
        }
        if (p.channelKind() != null
                && !p.channelKind().isBlank()
                && ChannelKind.fromKey(p.channelKind()).isEmpty()) {
            throw InvalidInput.of("channelKind", "unknown channel kind '" + p.channelKind() + "'");
        }
        if (p.priority() != null
                && !p.priority().isBlank()
                && Priority.fromKey(p.priority()).isEmpty()) {
            throw InvalidInput.of("priority", "unknown priority '" + p.priority() + "'");
        }
        if (p.clock() != null
                && !p.clock().isBlank()
                && !Set.of("calendar", "marketplace").contains(p.clock())) {
            throw InvalidInput.of("clock", "calendar or marketplace");
        }
        for (var target : new Object[][] {
            {"firstResponseMinutes", p.firstResponseMinutes()},
            {"nextResponseMinutes", p.nextResponseMinutes()},
            {"resolutionMinutes", p.resolutionMinutes()}
        }) {
            if (target[1] != null && ((Integer) target[1] < 1 || (Integer) target[1] > 525_600)) {
                throw InvalidInput.of((String) target[0], "between 1 minute and a year");
            }
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static SlaPolicyView view(PolicyRecord r) {
        return new SlaPolicyView(
                r.getId(),
                r.getClientId(),
                r.getName(),
                r.getPosition(),
                r.getEnabled(),
                r.getStoreId(),
                r.getChannelKind(),
                r.getCategory(),
                r.getTag(),
                r.getCustomerTier(),
                r.getPriority(),
                r.getFirstResponseMinutes(),
                r.getNextResponseMinutes(),
                r.getResolutionMinutes(),
                r.getClock(),
                r.getCalendarId());
    }

    private static SlaCalendarView view(CalendarRecord r) {
        return new SlaCalendarView(
                r.getId(),
                r.getClientId(),
                r.getName(),
                r.getTimeZone(),
                r.getHours(),
                SlaClocks.holidays(r.getHolidays()).stream().sorted().toList());
    }
}
