package dev.kontor.rules.internal;

import dev.kontor.routing.RoutingManagement;
import dev.kontor.rules.RuleSettings;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the rules on a ticket: in order, each rule whose trigger and conditions hold carries out its actions (the
 * next rules see the changed ticket), until one says stop. Each action runs in a savepoint: one that fails (an
 * agent no longer serving the client) is recorded as failed and the others still happen. Runs of one ticket take
 * turns across nodes (the ticket's row is locked first, before the firing row references it); a rule firing more than {@code maxFiringsPerHour} times on one ticket is
 * held back, so two rules undoing each other stop.
 */
@Component
public class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final Firings firings;
    private final RuleBook book;
    private final Facts.Source source;
    private final Effects effects;
    private final RoutingManagement routing;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final RuleSettings settings;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    RuleEngine(
            Firings firings,
            RuleBook book,
            Facts.Source source,
            Effects effects,
            RoutingManagement routing,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            RuleSettings settings,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.firings = firings;
        this.book = book;
        this.source = source;
        this.effects = effects;
        this.routing = routing;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.settings = settings;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /**
     * Event rules for these triggers (a new ticket is both "created" and "message received"), handing out at the
     * end of the run.
     */
    public int run(long ticketId, Set<Trigger> triggers, Facts.Context context) {
        HandOuts handOuts = new HandOuts();
        int fired = run(ticketId, triggers, context, handOuts);
        handOut(handOuts);
        return fired;
    }

    /**
     * Event rules for these triggers; the hand-out the run asks for is added to {@code handOuts} for the caller to
     * carry out with {@link #handOut} once all its runs are done (the message pass: after its last step).
     */
    int run(long ticketId, Set<Trigger> triggers, Facts.Context context, HandOuts handOuts) {
        TicketView locked = tickets.lockForChanges(ticketId).orElse(null);
        if (locked == null) {
            return 0;
        }
        Current t = new Current(locked);
        int fired = 0;
        Facts facts = null;
        PendingRoute route = new PendingRoute();
        for (CompiledRule rule : book.rules()) {
            if (rule.timeRule() || !rule.serves(locked.clientId())) {
                continue;
            }
            Trigger trigger = rule.triggers().stream()
                    .filter(triggers::contains)
                    .findFirst()
                    .orElse(null);
            if (trigger == null) {
                continue;
            }
            if (facts == null) {
                facts = new Facts(t.get(), clock.instant(), trigger, context, source);
            }
            if (!rule.matches(facts)) {
                continue;
            }
            if (tooOften(rule, ticketId)) {
                log.warn("Rule '{}' fired too often on ticket {}; held back", rule.name(), ticketId);
                continue;
            }
            Firings.Firing firing = firings.fired(new Firings.Firing(
                    rule.id(), rule.name(), ticketId, locked.clientId(), trigger.key(), null, clock.instant()));
            firings.add(firing, carryOut(rule, t, facts, firing, route));
            fired++;
            // The next rules see the changed ticket, from what the actions returned.
            facts = null;
            if (rule.stopProcessing()) {
                break;
            }
        }
        handOuts.add(ticketId, route);
        return fired;
    }

    /**
     * The hand-outs of one transaction's runs, carried out together at its end, ordered by team (then in the order
     * they were asked for): each locks its team's routing row until the transaction ends, so transactions that hand
     * out to the same teams lock their rows in the same order and never wait for each other in a circle, and a
     * team's row is held only from the hand-out to the commit, not for the whole transaction.
     */
    static final class HandOuts {
        private record Pending(long ticketId, PendingRoute route) {}

        private final List<Pending> pending = new ArrayList<>();

        void add(long ticketId, PendingRoute route) {
            if (route.teamId != null || !route.later.isEmpty()) {
                pending.add(new Pending(ticketId, route));
            }
        }

        boolean isEmpty() {
            return pending.isEmpty();
        }
    }

    /** Carries out the collected hand-outs, team by team in the order of the teams' ids. */
    void handOut(HandOuts handOuts) {
        List<HandOuts.Pending> ordered = new ArrayList<>(handOuts.pending);
        // Stable: within a team, tickets are handed out in the order their runs asked (message order).
        ordered.sort(Comparator.comparing(
                (HandOuts.Pending p) -> p.route().teamId, Comparator.nullsFirst(Comparator.naturalOrder())));
        handOuts.pending.clear();
        routing.holdTeams(ordered.stream()
                .map(p -> p.route().teamId)
                .filter(java.util.Objects::nonNull)
                .toList());
        for (HandOuts.Pending p : ordered) {
            route(p.ticketId(), p.route());
        }
    }

    /**
     * The last team a run put the ticket into, unless an agent was named after it. Handing out waits for the end
     * of the run (of all runs of the transaction, see {@link HandOuts}), so a run locks at most one team's routing
     * row, and locks it last.
     */
    private static final class PendingRoute {
        Long teamId;
        String strategy;
        Firings.Firing firing;
        /** Notifications asked for while a hand-out was pending: "assignee" means whoever gets the ticket. */
        final List<Later> later = new ArrayList<>();

        record Later(Act act, Firings.Firing firing, String ruleName, Facts facts) {}

        void after(Act act, Firings.Firing firing) {
            if (act instanceof Act.SetTeam a) {
                set(a.teamId(), null, firing);
            } else if (act instanceof Act.AssignBy a) {
                set(a.teamId(), a.strategy(), firing);
            } else if (act instanceof Act.AssignAgent || act instanceof Act.Unassign) {
                teamId = null;
            }
        }

        private void set(long team, String how, Firings.Firing by) {
            teamId = team;
            strategy = how;
            firing = by;
        }
    }

    private void route(long ticketId, PendingRoute route) {
        if (route.teamId != null) {
            List<String> outcomes;
            try {
                outcomes =
                        savepoint.execute(tx -> Effects.routed(routing.route(ticketId, route.teamId, route.strategy)));
            } catch (RuntimeException e) {
                log.warn("Could not hand out ticket {} in team {}: {}", ticketId, route.teamId, e.toString());
                outcomes = List.of("failed:" + describe(e));
            }
            firings.add(route.firing, outcomes);
        }
        for (PendingRoute.Later l : route.later) {
            List<String> outcomes;
            try {
                // After the hand-out: "assignee" is whoever got the ticket.
                outcomes = savepoint.execute(tx -> effects.apply(
                                l.act(),
                                ticketQueries
                                        .find(ticketId, ClientScope.everything())
                                        .orElseThrow(),
                                l.ruleName(),
                                l.facts())
                        .outcomes());
            } catch (RuntimeException e) {
                log.warn("Rule '{}' could not {} on ticket {}: {}", l.ruleName(), l.act(), ticketId, e.toString());
                outcomes = List.of("failed:" + describe(e));
            }
            firings.add(l.firing(), outcomes);
        }
    }

    /**
     * A time rule on one ticket, in the caller's transaction: fires only if its conditions hold now and this
     * episode has no firing yet (the unique row decides between nodes). Returns whether it fired.
     */
    public boolean runTimeRule(CompiledRule rule, long ticketId, Instant now) {
        TicketView t = tickets.lockForChanges(ticketId).orElse(null);
        if (t == null || !rule.serves(t.clientId())) {
            return false;
        }
        Facts facts = new Facts(t, now, Trigger.TIME, Facts.Context.none(), source);
        if (!rule.matches(facts)) {
            return false;
        }
        Firings.Firing firing = firings.firedOnce(new Firings.Firing(
                        rule.id(),
                        rule.name(),
                        ticketId,
                        t.clientId(),
                        Trigger.TIME.key(),
                        episode(rule, t),
                        clock.instant()))
                .orElse(null);
        if (firing == null) {
            return false;
        }
        PendingRoute route = new PendingRoute();
        firings.add(firing, carryOut(rule, new Current(t), facts, firing, route));
        route(ticketId, route);
        return true;
    }

    /** What a time rule's episode is: the anchors its time conditions count from. */
    public static String episode(CompiledRule rule, TicketView t) {
        return rule.elapsed().stream().map(e -> e.anchor(t)).distinct().collect(Collectors.joining(" "));
    }

    /**
     * The ticket as a run's actions left it: taken from what each action returned, and read again only after an
     * action that changed it without returning it (an action that failed was rolled back and changed nothing).
     */
    private final class Current {
        private TicketView view;
        private boolean stale;

        Current(TicketView view) {
            this.view = view;
        }

        TicketView get() {
            if (stale) {
                view = ticketQueries.find(view.id(), ClientScope.everything()).orElseThrow();
                stale = false;
            }
            return view;
        }

        void after(Effects.Applied applied) {
            if (applied.ticket() == null) {
                stale = true;
            } else {
                view = applied.ticket();
            }
        }
    }

    private List<String> carryOut(
            CompiledRule rule, Current t, Facts facts, Firings.Firing firing, PendingRoute route) {
        long ticketId = t.get().id();
        List<String> outcomes = new ArrayList<>();
        for (Act act : rule.acts()) {
            if (act instanceof Act.Notify && route.teamId != null) {
                route.later.add(new PendingRoute.Later(act, firing, rule.name(), facts));
                continue;
            }
            try {
                Effects.Applied applied = savepoint.execute(tx -> effects.apply(act, t.get(), rule.name(), facts));
                outcomes.addAll(applied.outcomes());
                t.after(applied);
                route.after(act, firing);
            } catch (RuntimeException e) {
                log.warn("Rule '{}' could not {} on ticket {}: {}", rule.name(), act, ticketId, e.toString());
                outcomes.add("failed:" + describe(e));
            }
        }
        return outcomes;
    }

    private boolean tooOften(CompiledRule rule, long ticketId) {
        int recent = firings.since(rule.id(), ticketId, clock.instant().minus(Duration.ofHours(1)));
        return recent >= settings.maxFiringsPerHour();
    }

    /** Named errors say what went wrong in the admin's terms; anything else only by its kind. */
    private static String describe(RuntimeException e) {
        if (e instanceof dev.kontor.shared.InvalidInput i) {
            return i.errors().get(0).field() + " " + i.errors().get(0).message();
        }
        if (e instanceof dev.kontor.shared.NotFound || e.getClass().getName().startsWith("dev.kontor.")) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
