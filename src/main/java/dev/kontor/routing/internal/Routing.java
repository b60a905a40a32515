package dev.kontor.routing.internal;

import static dev.kontor.routing.db.Tables.AGENT_AVAILABILITY;
import static dev.kontor.routing.db.Tables.TEAM_ROUTING;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.routing.RoutingOutcome;
import dev.kontor.routing.db.tables.records.AgentAvailabilityRecord;
import dev.kontor.routing.db.tables.records.TeamRoutingRecord;
import dev.kontor.routing.internal.Strategies.Candidate;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.LanguageCode;
import dev.kontor.sla.BusinessCalendar;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import dev.kontor.translation.Translations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Hands tickets in a team's queue to available agents with the team's strategy. The team's routing row is locked
 * for the decisions, so nodes take turns: loads are counted after the previous hand-outs committed, and the round
 * robin pointer moves once per ticket. A transaction that hands out many tickets locks and counts once
 * ({@link HeldTeams}).
 */
@Component
public class Routing {

    private final DSLContext db;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final AccountManagement accounts;
    private final Translations translations;
    private final Clock clock;

    Routing(
            DSLContext db,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            AccountManagement accounts,
            Translations translations,
            Clock clock) {
        this.translations = translations;
        this.db = db;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Puts the ticket into the team's queue without handing it out (a rule run routes once, at its end): its agent
     * stays if a member of the team who still serves the ticket's client (access revoked or deactivated since: the
     * ticket goes back to the queue). Locks the ticket first, as rule runs do; the drain, which holds the team
     * first, skips locked tickets.
     */
    public TeamView place(long ticketId, long teamId) {
        TicketView t = tickets.lockForChanges(ticketId).orElseThrow();
        TeamView team = accounts.team(teamId);
        Long keep = t.assigneeId() != null
                        && team.memberIds().contains(t.assigneeId())
                        && serves(t.assigneeId(), t.clientId())
                ? t.assigneeId()
                : null;
        if (!java.util.Objects.equals(t.teamId(), teamId) || !java.util.Objects.equals(t.assigneeId(), keep)) {
            tickets.assign(ticketId, ClientScope.everything(), keep, teamId);
        }
        return team;
    }

    /**
     * Puts the ticket into the team's queue and, unless the strategy is manual or a member already has it, hands
     * it to an agent now or leaves it waiting. {@code strategy} null: the team's own. Runs in the caller's
     * transaction.
     */
    public RoutingOutcome route(long ticketId, long teamId, String strategy) {
        TeamView team = place(ticketId, teamId);
        TeamRoutingRecord routing = lockTeam(teamId);
        TicketView t = ticketQueries.find(ticketId, ClientScope.everything()).orElseThrow();
        String use = strategy != null ? strategy : routing.getStrategy();
        if (t.assigneeId() != null) {
            return new RoutingOutcome.Assigned(
                    t.assigneeId(), accounts.user(t.assigneeId()).displayName());
        }
        if ("manual".equals(use) || !TicketStatus.UNRESOLVED.contains(t.status())) {
            return new RoutingOutcome.Manual(team.name());
        }
        return assignOne(t, team, routing, use)
                .<RoutingOutcome>map(c -> c)
                .orElseGet(() -> new RoutingOutcome.Waiting(team.name()));
    }

    /** Whether a provider the ticket's client may use translates the ticket's language into the agent's first. */
    private boolean readsThrough(TicketView t, Candidate agent) {
        String reading = agent.languages().stream()
                .filter(LanguageCode::isKnown)
                .findFirst()
                .orElse(null);
        return reading != null
                && LanguageCode.isKnown(t.language())
                && translations.covers(t.clientId(), new LanguageCode(t.language()), new LanguageCode(reading));
    }

    /** Offers the team's waiting tickets, most urgent first, to agents free now; returns how many were assigned. */
    public int drain(long teamId) {
        TeamRoutingRecord routing = lockTeam(teamId);
        if ("manual".equals(routing.getStrategy())) {
            return 0;
        }
        TeamView team = accounts.team(teamId);
        int assigned = 0;
        for (TicketView waiting : ticketQueries.waitingInTeam(teamId, 200)) {
            // A ticket held by another transaction (a rule run, which may route it itself) waits for the next
            // drain: blocking on it while holding the team's row could close a circle with that run.
            TicketView t = tickets.tryLockForChanges(waiting.id()).orElse(null);
            if (t == null
                    || t.assigneeId() != null
                    || !java.util.Objects.equals(t.teamId(), teamId)
                    || !TicketStatus.UNRESOLVED.contains(t.status())) {
                continue;
            }
            if (assignOne(t, team, routing, routing.getStrategy()).isEmpty()) {
                // Someone else may still take a ticket in another language; a strategy that does not look at the
                // language would pick nobody for the next ticket either.
                if (!"language".equals(routing.getStrategy())) {
                    break;
                }
            } else {
                assigned++;
            }
        }
        return assigned;
    }

    private Optional<RoutingOutcome.Assigned> assignOne(
            TicketView t, TeamView team, TeamRoutingRecord routing, String strategy) {
        HeldTeams held = HeldTeams.current(db);
        Instant now = clock.instant();
        List<Candidate> free = held == null
                ? free(team, t.clientId(), now)
                : held.free(team.id(), t.clientId(), () -> free(team, t.clientId(), now));
        Optional<Candidate> pick = Strategies.of(
                        strategy, routing.getAnyLanguageFallback(), (language, agent) -> readsThrough(t, agent))
                .pick(free, t.language(), routing.getLastAssignedUserId());
        if (pick.isEmpty()) {
            return Optional.empty();
        }
        Candidate c = pick.get();
        tickets.assign(t.id(), ClientScope.everything(), c.userId(), team.id());
        if (held != null) {
            // Written once before the commit, with every other hand-out of the transaction.
            held.handedOut(routing, c, now);
            return Optional.of(new RoutingOutcome.Assigned(c.userId(), c.name()));
        }
        routing.setLastAssignedUserId(c.userId());
        routing.setUpdatedAt(now);
        routing.store();
        // Only a tie-breaker: skipped while another team's transaction holds the agent's row, so two teams handing
        // out tickets to shared agents never wait for each other.
        db.update(AGENT_AVAILABILITY)
                .set(AGENT_AVAILABILITY.LAST_ASSIGNED_AT, now)
                .where(AGENT_AVAILABILITY.USER_ID.in(db.select(AGENT_AVAILABILITY.USER_ID)
                        .from(AGENT_AVAILABILITY)
                        .where(AGENT_AVAILABILITY.USER_ID.eq(c.userId()))
                        .forUpdate()
                        .skipLocked()))
                .execute();
        return Optional.of(new RoutingOutcome.Assigned(c.userId(), c.name()));
    }

    private boolean serves(long userId, long clientId) {
        return accounts.usersServing(clientId).stream().anyMatch(u -> u.id() == userId);
    }

    /** Team members who may take a ticket of this client now. */
    public List<Candidate> free(TeamView team, long clientId, Instant now) {
        if (team.memberIds().isEmpty()) {
            return List.of();
        }
        Map<Long, AgentAvailabilityRecord> availability = db.selectFrom(AGENT_AVAILABILITY)
                .where(AGENT_AVAILABILITY.USER_ID.in(team.memberIds()))
                .fetchMap(AGENT_AVAILABILITY.USER_ID);
        Map<Long, Integer> loads = ticketQueries.openLoads(team.memberIds());
        List<Candidate> free = new ArrayList<>();
        for (UserView u : accounts.usersServing(clientId)) {
            AgentAvailabilityRecord a = availability.get(u.id());
            if (!team.memberIds().contains(u.id()) || a == null || !availableAt(a, now)) {
                continue;
            }
            int load = loads.getOrDefault(u.id(), 0);
            if (a.getCapacity() != null && load >= a.getCapacity()) {
                continue;
            }
            free.add(new Candidate(
                    u.id(), u.displayName(), u.languages(), load, a.getCapacity(), a.getLastAssignedAt()));
        }
        return free;
    }

    /** Online and inside the agent's working hours (any time, without hours). */
    public static boolean availableAt(AgentAvailabilityRecord a, Instant now) {
        if (!"online".equals(a.getStatus())) {
            return false;
        }
        if (a.getWorkingHours() == null || a.getWorkingHours().isBlank()) {
            return true;
        }
        return BusinessCalendar.of(a.getTimeZone(), a.getWorkingHours(), Set.of())
                .isOpen(now);
    }

    /**
     * The team's routing row, created on first use, locked until the transaction ends; locked once per transaction
     * (see {@link HeldTeams}).
     */
    public TeamRoutingRecord lockTeam(long teamId) {
        HeldTeams held = HeldTeams.current(db);
        return held == null ? lockRow(teamId) : held.team(teamId, () -> lockRow(teamId));
    }

    private TeamRoutingRecord lockRow(long teamId) {
        TeamRoutingRecord row = db.selectFrom(TEAM_ROUTING)
                .where(TEAM_ROUTING.TEAM_ID.eq(teamId))
                .forUpdate()
                .fetchOne();
        if (row != null) {
            return row;
        }
        db.insertInto(TEAM_ROUTING)
                .set(TEAM_ROUTING.TEAM_ID, teamId)
                .set(TEAM_ROUTING.UPDATED_AT, clock.instant())
                .onConflictDoNothing()
                .execute();
        return db.selectFrom(TEAM_ROUTING)
                .where(TEAM_ROUTING.TEAM_ID.eq(teamId))
                .forUpdate()
                .fetchOne();
    }
}
