package dev.kontor.sla;

import static dev.kontor.sla.db.Tables.CALENDAR;
import static dev.kontor.sla.db.Tables.POLICY;
import static dev.kontor.sla.db.Tables.TICKET_CLOCK;

import dev.kontor.clients.ChannelKind;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.sla.db.tables.records.CalendarRecord;
import dev.kontor.sla.db.tables.records.PolicyRecord;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
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

    private final DSLContext db;
    private final SlaClocks clocks;
    private final TicketManagement tickets;

    private final Clock clock;

    SlaManagement(DSLContext db, SlaClocks clocks, TicketManagement tickets, Clock clock) {
        this.db = db;
        this.clocks = clocks;
        this.tickets = tickets;
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

    @Transactional
    public SlaCalendarView saveCalendar(SlaCalendarView c) {
        if (c.name() == null || c.name().isBlank() || c.name().length() > 100) {
            throw InvalidInput.of("name", "must have 1 to 100 characters");
        }
        List<LocalDate> holidays = c.holidays() == null ? List.of() : c.holidays();
        BusinessCalendar.of(c.timeZone() == null ? "" : c.timeZone(), c.hours(), Set.copyOf(holidays)); // validates
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
        r.setHolidays(holidays.toArray(LocalDate[]::new));
        r.store();
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
        TicketView t = tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        SlaClocks.Computed c = clocks.compute(t, false);
        return new TicketSla(c.policy() == null ? null : c.policy().getName(), c.deadlines(), c.paused(), c.guard());
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
                r.getHolidays() == null ? List.of() : List.of(r.getHolidays()));
    }
}
