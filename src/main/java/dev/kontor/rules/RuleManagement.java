package dev.kontor.rules;

import static dev.kontor.rules.db.Tables.FIRING;
import static dev.kontor.rules.db.Tables.NOTIFICATION;
import static dev.kontor.rules.db.Tables.RULE;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.rules.db.tables.records.RuleRecord;
import dev.kontor.rules.internal.CompiledRule;
import dev.kontor.rules.internal.Facts;
import dev.kontor.rules.internal.RuleBook;
import dev.kontor.rules.internal.RuleSpecs;
import dev.kontor.rules.internal.Trigger;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
import dev.kontor.sla.SlaManagement;
import dev.kontor.sla.SlaPolicyView;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Rules as admins manage them, what fired on a ticket, rule tests against recent tickets, and notifications. */
@Service
@Transactional
public class RuleManagement {

    private final DSLContext db;
    private final RuleBook book;
    private final Facts.Source facts;
    private final TicketQueries tickets;
    private final ClientManagement clients;
    private final AccountManagement accounts;
    private final dev.kontor.answers.TemplateManagement templates;
    private final SlaManagement sla;
    private final RuleSettings settings;
    private final Clock clock;
    private final dev.kontor.rules.internal.Firings firings;

    RuleManagement(
            DSLContext db,
            RuleBook book,
            Facts.Source facts,
            TicketQueries tickets,
            ClientManagement clients,
            AccountManagement accounts,
            SlaManagement sla,
            dev.kontor.answers.TemplateManagement templates,
            RuleSettings settings,
            Clock clock,
            dev.kontor.rules.internal.Firings firings) {
        this.firings = firings;
        this.templates = templates;
        this.db = db;
        this.book = book;
        this.facts = facts;
        this.tickets = tickets;
        this.clients = clients;
        this.accounts = accounts;
        this.sla = sla;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<RuleView> rules() {
        return db.selectFrom(RULE).orderBy(RULE.POSITION, RULE.ID).fetch(book::view);
    }

    @Transactional(readOnly = true)
    public RuleView rule(long id) {
        return db.selectFrom(RULE)
                .where(RULE.ID.eq(id))
                .fetchOptional(book::view)
                .orElseThrow(() -> new NotFound("rule " + id));
    }

    /** Creates ({@code id} null) or replaces a rule; names of clients, teams, users and policies become ids. */
    public RuleView save(RuleView wanted) {
        RuleView r = RuleSpecs.normalize(wanted, directory());
        RuleRecord rec = r.id() == null
                ? db.newRecord(RULE)
                : db.selectFrom(RULE)
                        .where(RULE.ID.eq(r.id()))
                        .fetchOptional()
                        .orElseThrow(() -> new NotFound("rule " + r.id()));
        Instant now = clock.instant();
        if (rec.getId() == null) {
            rec.setCreatedAt(now);
        }
        rec.setClientId(r.clientId());
        rec.setName(r.name());
        rec.setKind(r.kind());
        rec.setPosition(r.position());
        rec.setEnabled(r.enabled());
        rec.setTriggers(r.triggers().toArray(String[]::new));
        rec.setMatch(r.match());
        rec.setConditions(JSONB.valueOf(book.conditionsJson(r)));
        rec.setActions(JSONB.valueOf(book.actionsJson(r)));
        rec.setStopProcessing(r.stopProcessing());
        rec.setUpdatedAt(now);
        rec.store();
        book.changed();
        return book.view(rec);
    }

    public void delete(long id) {
        if (db.deleteFrom(RULE).where(RULE.ID.eq(id)).execute() == 0) {
            throw new NotFound("rule " + id);
        }
        book.changed();
    }

    /**
     * Which recent tickets (of the rule's client, or all the caller sees) the rule's conditions match now — its
     * trigger aside. Nothing is saved or changed.
     */
    @Transactional(readOnly = true)
    public RuleTest test(RuleView wanted, ClientScope scope) {
        RuleView r = RuleSpecs.normalize(wanted.withId(0L), directory());
        CompiledRule rule = RuleSpecs.compile(r);
        Instant now = clock.instant();
        List<TicketView> recent = tickets.recent(r.clientId(), settings.testSample()).stream()
                .filter(t -> scope.permits(t.clientId()))
                .toList();
        List<RuleTest.Match> matched = new ArrayList<>();
        Trigger trigger = rule.timeRule() ? Trigger.TIME : Trigger.MESSAGE_RECEIVED;
        for (TicketView t : recent) {
            if (rule.matches(new Facts(t, now, trigger, Facts.Context.none(), facts))) {
                matched.add(new RuleTest.Match(t.id(), t.number(), t.subject()));
            }
        }
        return new RuleTest(
                recent.size(), matched.size(), matched.stream().limit(20).toList());
    }

    /** What fired on the ticket, oldest first. */
    @Transactional(readOnly = true)
    public List<RuleFiring> firings(long ticketId, ClientScope scope) {
        tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        firings.write();
        return db.selectFrom(FIRING)
                .where(FIRING.TICKET_ID.eq(ticketId))
                .orderBy(FIRING.ID)
                .fetch(f -> new RuleFiring(
                        f.getId(),
                        f.getRuleId(),
                        f.getRuleName(),
                        f.getTicketId(),
                        f.getTrigger(),
                        f.getFiredAt(),
                        java.util.Arrays.stream(f.getOutcomes())
                                .map(RuleManagement::outcome)
                                .toList()));
    }

    /** The rule with names instead of ids, for people. */
    @Transactional(readOnly = true)
    public RuleView labelled(RuleView r) {
        Function<String, Function<String, String>> label = kind -> id -> label(kind, id);
        return new RuleView(
                r.id(),
                r.clientId(),
                r.name(),
                r.kind(),
                r.position(),
                r.enabled(),
                r.triggers(),
                r.match(),
                r.conditions().stream()
                        .map(c -> new RuleView.Condition(
                                c.field(),
                                c.op(),
                                RuleSpecs.referenceKind(c.field())
                                        .map(k -> relabel(c.value(), label.apply(k)))
                                        .orElse(c.value())))
                        .toList(),
                r.actions().stream()
                        .map(a -> new RuleView.Action(
                                a.type(),
                                a.type().equals("notify")
                                        ? relabel(a.value(), label.apply("user"))
                                        : RuleSpecs.referenceKind(a.type())
                                                .map(k -> relabel(a.value(), label.apply(k)))
                                                .orElse(a.value()),
                                a.option()))
                        .toList(),
                r.stopProcessing(),
                r.updatedAt());
    }

    /**
     * The user's latest notifications about tickets of clients the {@code scope} (the reader's grants now)
     * permits: a grant revoked after delivery hides what was sent under it.
     */
    @Transactional(readOnly = true)
    public List<Notification> notifications(long userId, ClientScope scope, int limit) {
        var rows = db.selectFrom(NOTIFICATION)
                .where(NOTIFICATION.USER_ID.eq(userId).and(readable(scope)))
                .orderBy(NOTIFICATION.ID.desc())
                .limit(limit)
                .fetch();
        Map<Long, Long> numbers = new java.util.HashMap<>();
        for (var n : rows) {
            if (n.getTicketId() != null && !numbers.containsKey(n.getTicketId())) {
                tickets.find(n.getTicketId(), scope).ifPresent(t -> numbers.put(t.id(), t.number()));
            }
        }
        return rows.stream()
                .map(n -> new Notification(
                        n.getId(),
                        n.getTicketId(),
                        numbers.get(n.getTicketId()),
                        n.getRuleName(),
                        n.getText(),
                        n.getCreatedAt(),
                        n.getReadAt() != null))
                .toList();
    }

    @Transactional(readOnly = true)
    public int unreadNotifications(long userId, ClientScope scope) {
        return db.fetchCount(
                NOTIFICATION,
                NOTIFICATION
                        .USER_ID
                        .eq(userId)
                        .and(NOTIFICATION.READ_AT.isNull())
                        .and(readable(scope)));
    }

    /** Marks read what the reader was shown: notifications hidden by a revoked grant stay as they were. */
    public void markNotificationsRead(long userId, ClientScope scope) {
        db.update(NOTIFICATION)
                .set(NOTIFICATION.READ_AT, clock.instant())
                .where(NOTIFICATION
                        .USER_ID
                        .eq(userId)
                        .and(NOTIFICATION.READ_AT.isNull())
                        .and(readable(scope)))
                .execute();
    }

    private static org.jooq.Condition readable(ClientScope scope) {
        if (scope.all()) {
            return org.jooq.impl.DSL.noCondition();
        }
        return NOTIFICATION
                .CLIENT_ID
                .isNull()
                .and(NOTIFICATION.TICKET_ID.isNull())
                .or(NOTIFICATION.CLIENT_ID.in(scope.clientIds()));
    }

    private static RuleFiring.Outcome outcome(String s) {
        int colon = s.indexOf(':');
        return colon < 0
                ? new RuleFiring.Outcome(s, null)
                : new RuleFiring.Outcome(s.substring(0, colon), s.substring(colon + 1));
    }

    private static String relabel(String value, Function<String, String> label) {
        return RuleSpecs.split(value).stream().map(label).collect(Collectors.joining(", "));
    }

    private String label(String kind, String value) {
        if (!value.matches("\\d+")) {
            return value;
        }
        long id = Long.parseLong(value);
        return switch (kind) {
            case "client" -> clients.client(id).map(ClientView::name).orElse(value);
            case "store" -> clients.store(id).map(StoreView::name).orElse(value);
            case "team" ->
                accounts.teams().stream()
                        .filter(t -> t.id() == id)
                        .map(t -> t.name())
                        .findFirst()
                        .orElse(value);
            case "user" -> accounts.displayNames(List.of(id)).getOrDefault(id, value);
            case "sla_policy" -> sla.policy(id).map(SlaPolicyView::name).orElse(value);
            case "template" -> {
                try {
                    yield templates.template(id, ClientScope.everything()).name();
                } catch (dev.kontor.shared.NotFound e) {
                    yield value;
                }
            }
            default -> value;
        };
    }

    /** Ids or names (case-insensitive): client key or name, store key or name, team name, user e-mail or name. */
    private RuleSpecs.Directory directory() {
        return new RuleSpecs.Directory() {
            @Override
            public Optional<Long> client(String v) {
                return clients.clients(ClientScope.everything()).stream()
                        .filter(c -> matches(v, c.id(), c.key(), c.name()))
                        .map(ClientView::id)
                        .findFirst();
            }

            @Override
            public Optional<Long> store(String v, Long clientId) {
                return clients.stores(ClientScope.everything()).stream()
                        .filter(s -> clientId == null || s.clientId() == clientId)
                        .filter(s -> matches(v, s.id(), s.key(), s.name()))
                        .map(StoreView::id)
                        .findFirst();
            }

            @Override
            public Optional<Long> team(String v) {
                return accounts.teams().stream()
                        .filter(t -> matches(v, t.id(), t.name(), null))
                        .map(t -> t.id())
                        .findFirst();
            }

            @Override
            public Optional<Long> user(String v) {
                return accounts.users().stream()
                        .filter(u -> matches(v, u.id(), u.email(), u.displayName()))
                        .map(UserView::id)
                        .findFirst();
            }

            @Override
            public Optional<Long> template(String v, long clientId) {
                return templates.templates(ClientScope.everything(), clientId).stream()
                        .filter(t -> matches(v, t.id(), t.name(), t.shortcut()))
                        .map(dev.kontor.answers.TemplateView::id)
                        .findFirst();
            }

            @Override
            public Optional<Long> slaPolicy(String v, Long clientId) {
                return sla.policies(ClientScope.everything()).stream()
                        .filter(p -> clientId == null || p.clientId() == clientId)
                        .filter(p -> matches(v, p.id(), p.name(), null))
                        .map(SlaPolicyView::id)
                        .findFirst();
            }
        };
    }

    private static boolean matches(String v, long id, String a, String b) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        return s.equals(String.valueOf(id))
                || (a != null && a.toLowerCase(Locale.ROOT).equals(s))
                || (b != null && b.toLowerCase(Locale.ROOT).equals(s));
    }
}
