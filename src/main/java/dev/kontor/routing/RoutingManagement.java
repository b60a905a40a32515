package dev.kontor.routing;

import static dev.kontor.routing.db.Tables.AGENT_AVAILABILITY;
import static dev.kontor.routing.db.Tables.TEAM_ROUTING;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.routing.db.tables.records.AgentAvailabilityRecord;
import dev.kontor.routing.db.tables.records.TeamRoutingRecord;
import dev.kontor.routing.internal.Queues;
import dev.kontor.routing.internal.Routing;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.sla.BusinessCalendar;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Team strategies and agents' availability (status, working hours, capacity), handing tickets back, and placing a
 * ticket into a team's queue for whoever decided it belongs there (a rule, today).
 */
@Service
@Transactional
public class RoutingManagement {

    private static final Set<String> STATUSES = Set.of("online", "away", "offline");

    private final DSLContext db;
    private final AccountManagement accounts;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final Routing routing;
    private final Queues queues;
    private final Clock clock;

    RoutingManagement(
            DSLContext db,
            AccountManagement accounts,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            Routing routing,
            Queues queues,
            Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.routing = routing;
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * Puts the ticket into the team's queue without handing it out; its agent stays if a member of the team. Runs
     * in the caller's transaction and locks the ticket. Returns the team, for the caller's record.
     */
    public TeamView place(long ticketId, long teamId) {
        return routing.place(ticketId, teamId);
    }

    /**
     * Puts the ticket into the team's queue and, unless the strategy is manual or a member already has it, hands it
     * to an agent now or leaves it waiting. {@code strategy} null: the team's own. Runs in the caller's transaction
     * and locks the team's routing row until it ends: a caller routes at most once per transaction, last.
     */
    public RoutingOutcome route(long ticketId, long teamId, String strategy) {
        return routing.route(ticketId, teamId, strategy);
    }

    /**
     * Locks the teams' routing rows until the transaction ends, in the order of their ids, before a series of
     * hand-outs: each hand-out may run in a savepoint of its own, and a lock taken inside one that rolls back would be
     * gone for the hand-outs after it. A team that no longer exists is left to its hand-out, which fails alone.
     */
    public void holdTeams(java.util.Collection<Long> teamIds) {
        teamIds.stream().distinct().sorted().filter(this::exists).forEach(routing::lockTeam);
    }

    private boolean exists(long teamId) {
        try {
            accounts.team(teamId);
            return true;
        } catch (dev.kontor.shared.NotFound gone) {
            return false;
        }
    }

    /**
     * Every team's strategy and how many tickets wait in its queue, counting only tickets of clients the viewer
     * serves: a team may work for several clients, and the size of another client's queue is not the viewer's to
     * know.
     */
    @Transactional(readOnly = true)
    public List<TeamRouting> teams(ClientScope viewer) {
        Map<Long, TeamRoutingRecord> rows = db.selectFrom(TEAM_ROUTING).fetchMap(TEAM_ROUTING.TEAM_ID);
        List<TeamRouting> out = new ArrayList<>();
        for (TeamView team : accounts.teams()) {
            TeamRoutingRecord r = rows.get(team.id());
            out.add(new TeamRouting(
                    team.id(),
                    team.name(),
                    r == null ? "manual" : r.getStrategy(),
                    r != null && r.getAnyLanguageFallback(),
                    waiting(team.id(), viewer)));
        }
        return out;
    }

    /** One team's strategy and queue, counted for the viewer as in {@link #teams(ClientScope)}. */
    @Transactional(readOnly = true)
    public TeamRouting team(long teamId, ClientScope viewer) {
        TeamView team = accounts.team(teamId);
        TeamRoutingRecord r = db.selectFrom(TEAM_ROUTING)
                .where(TEAM_ROUTING.TEAM_ID.eq(teamId))
                .fetchOne();
        return new TeamRouting(
                team.id(),
                team.name(),
                r == null ? "manual" : r.getStrategy(),
                r != null && r.getAnyLanguageFallback(),
                waiting(team.id(), viewer));
    }

    private int waiting(long teamId, ClientScope viewer) {
        return ticketQueries.countWaitingInTeam(teamId, viewer);
    }

    /**
     * Sets the team's strategy; an automatic one hands out the waiting tickets at once. Returns the team as an admin
     * (who sets strategies, and serves every client) sees it.
     */
    public TeamRouting setStrategy(long teamId, String strategy, boolean anyLanguageFallback) {
        accounts.team(teamId);
        if (strategy == null || !TeamRouting.STRATEGIES.contains(strategy)) {
            throw InvalidInput.of("strategy", "manual, round_robin, least_loaded or language");
        }
        TeamRoutingRecord r = routing.lockTeam(teamId);
        r.setStrategy(strategy);
        r.setAnyLanguageFallback(anyLanguageFallback);
        r.setUpdatedAt(clock.instant());
        r.store();
        queues.drainAfterCommit(List.of(teamId));
        return team(teamId, ClientScope.everything());
    }

    /**
     * Every active agent's availability, with the load counted over tickets of clients the viewer serves (a
     * supervisor of one client does not learn how busy an agent is for another).
     */
    @Transactional(readOnly = true)
    public List<AgentAvailability> agents(ClientScope viewer) {
        List<UserView> users =
                accounts.users().stream().filter(UserView::active).toList();
        Map<Long, AgentAvailabilityRecord> rows =
                db.selectFrom(AGENT_AVAILABILITY).fetchMap(AGENT_AVAILABILITY.USER_ID);
        Map<Long, Integer> loads =
                ticketQueries.openLoads(users.stream().map(UserView::id).toList(), viewer);
        Instant now = clock.instant();
        return users.stream()
                .map(u -> view(u, rows.get(u.id()), loads.getOrDefault(u.id(), 0), now))
                .toList();
    }

    /** Only the agent's status (offline until set): what every page's top bar shows, in one read. */
    @Transactional(readOnly = true)
    public String status(long userId) {
        return db.select(AGENT_AVAILABILITY.STATUS)
                .from(AGENT_AVAILABILITY)
                .where(AGENT_AVAILABILITY.USER_ID.eq(userId))
                .fetchOptional(AGENT_AVAILABILITY.STATUS)
                .orElse("offline");
    }

    @Transactional(readOnly = true)
    public AgentAvailability agent(long userId) {
        UserView u = accounts.user(userId);
        AgentAvailabilityRecord r = db.selectFrom(AGENT_AVAILABILITY)
                .where(AGENT_AVAILABILITY.USER_ID.eq(userId))
                .fetchOne();
        int load = ticketQueries.openLoads(List.of(userId)).getOrDefault(userId, 0);
        return view(u, r, load, clock.instant());
    }

    /**
     * Changes an agent's availability. Going online offers the agent's teams' queues; going offline with
     * {@code handBack} returns the agent's new and open tickets to their team's queue (or to nobody), where the
     * others take them.
     */
    public AgentAvailability setAvailability(long userId, AgentAvailability.Change c) {
        accounts.user(userId);
        List<FieldError> errors = new ArrayList<>();
        String status = c.status() == null ? "" : c.status().strip();
        if (!STATUSES.contains(status)) {
            errors.add(new FieldError("status", "online, away or offline"));
        }
        String hours = c.workingHours() == null || c.workingHours().isBlank()
                ? null
                : c.workingHours().strip();
        String zone = c.timeZone() == null || c.timeZone().isBlank()
                ? "UTC"
                : c.timeZone().strip();
        try {
            BusinessCalendar.of(zone, hours == null ? "mon-sun 00:00-24:00" : hours, Set.of());
        } catch (InvalidInput e) {
            e.errors()
                    .forEach(f -> errors.add(
                            new FieldError(f.field().equals("timeZone") ? "timeZone" : "workingHours", f.message())));
        }
        if (c.capacity() != null && (c.capacity() < 1 || c.capacity() > 1000)) {
            errors.add(new FieldError("capacity", "from 1 to 1000, or empty for no limit"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Instant now = clock.instant();
        db.insertInto(AGENT_AVAILABILITY)
                .set(AGENT_AVAILABILITY.USER_ID, userId)
                .set(AGENT_AVAILABILITY.STATUS, status)
                .set(AGENT_AVAILABILITY.WORKING_HOURS, hours)
                .set(AGENT_AVAILABILITY.TIME_ZONE, zone)
                .set(AGENT_AVAILABILITY.CAPACITY, c.capacity())
                .set(AGENT_AVAILABILITY.UPDATED_AT, now)
                .onConflict(AGENT_AVAILABILITY.USER_ID)
                .doUpdate()
                .set(AGENT_AVAILABILITY.STATUS, status)
                .set(AGENT_AVAILABILITY.WORKING_HOURS, hours)
                .set(AGENT_AVAILABILITY.TIME_ZONE, zone)
                .set(AGENT_AVAILABILITY.CAPACITY, c.capacity())
                .set(AGENT_AVAILABILITY.UPDATED_AT, now)
                .execute();
        if (!"online".equals(status) && c.handBack()) {
            for (Long ticketId : ticketQueries.openTicketsOf(userId)) {
                var t = ticketQueries.find(ticketId, ClientScope.everything()).orElseThrow();
                tickets.assign(ticketId, ClientScope.everything(), null, t.teamId());
            }
            queues.drainAfterCommit(accounts.user(userId).teamIds());
        } else if ("online".equals(status)) {
            queues.agentFreed(userId);
        }
        return agent(userId);
    }

    /** Only the status (the agent's own switch in the top bar); hours and capacity stay. */
    public AgentAvailability setStatus(long userId, String status, boolean handBack) {
        AgentAvailability a = agent(userId);
        return setAvailability(
                userId, new AgentAvailability.Change(status, a.workingHours(), a.timeZone(), a.capacity(), handBack));
    }

    private static AgentAvailability view(UserView u, AgentAvailabilityRecord r, int load, Instant now) {
        return new AgentAvailability(
                u.id(),
                u.displayName(),
                r == null ? "offline" : r.getStatus(),
                r == null ? null : r.getWorkingHours(),
                r == null ? "UTC" : r.getTimeZone(),
                r == null ? null : r.getCapacity(),
                load,
                r != null && Routing.availableAt(r, now) && (r.getCapacity() == null || load < r.getCapacity()),
                u.languages());
    }
}
