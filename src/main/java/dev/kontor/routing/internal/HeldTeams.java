package dev.kontor.routing.internal;

import static dev.kontor.routing.db.Tables.AGENT_AVAILABILITY;

import dev.kontor.routing.db.tables.records.TeamRoutingRecord;
import dev.kontor.routing.internal.Strategies.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The teams one transaction holds for handing out tickets, and what their hand-outs need: a batch of messages hands
 * out dozens of tickets to the same team, and each used to lock the team's row again, count its agents' loads again
 * and write the round-robin pointer and the agent's last hand-out again, all while the other workers waited for
 * the row. Now the row is locked once, the free agents are counted once per team and client and kept current as
 * tickets go to them, and the pointer and the agents' hand-out times are written once, before the commit. The
 * loads stay right: no other transaction hands out for a team whose row this one holds.
 *
 * <p>A savepoint rolled back releases the row locks taken after it: those teams are forgotten (the next hand-out
 * locks again), the others' pointers go back to where they were, and every free list is counted afresh, since the
 * rolled-back work may have changed loads.
 */
final class HeldTeams implements TransactionSynchronization {

    /** The teams held at a savepoint, with their round-robin pointers then. */
    private record Mark(Object savepoint, Map<Long, Long> pointers) {}

    private final DSLContext db;
    private final Map<Long, TeamRoutingRecord> teams = new LinkedHashMap<>();
    private final Map<List<Long>, List<Candidate>> free = new HashMap<>();
    private final Set<Long> moved = new LinkedHashSet<>();
    private final Map<Long, Instant> handedTo = new LinkedHashMap<>();
    private final List<Mark> marks = new ArrayList<>();

    private HeldTeams(DSLContext db) {
        this.db = db;
    }

    /** This transaction's held teams, or null outside a transaction (each call then works alone). */
    static HeldTeams current(DSLContext db) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        HeldTeams held = (HeldTeams) TransactionSynchronizationManager.getResource(HeldTeams.class);
        if (held == null) {
            held = new HeldTeams(db);
            TransactionSynchronizationManager.bindResource(HeldTeams.class, held);
            TransactionSynchronizationManager.registerSynchronization(held);
        }
        return held;
    }

    TeamRoutingRecord team(long teamId, Supplier<TeamRoutingRecord> lock) {
        TeamRoutingRecord held = teams.get(teamId);
        if (held == null) {
            held = lock.get();
            teams.put(teamId, held);
        }
        return held;
    }

    /** The agents free for the team's tickets of the client, counted once while the team is held. */
    List<Candidate> free(long teamId, long clientId, Supplier<List<Candidate>> count) {
        if (!teams.containsKey(teamId)) {
            return count.get();
        }
        return free.computeIfAbsent(List.of(teamId, clientId), k -> new ArrayList<>(count.get()));
    }

    /**
     * The ticket went to the agent: their load grows in every free list of this transaction (they may be free for
     * several teams and clients), full agents drop out, the team's pointer moves.
     */
    void handedOut(TeamRoutingRecord team, Candidate agent, Instant now) {
        team.setLastAssignedUserId(agent.userId());
        team.setUpdatedAt(now);
        moved.add(team.getTeamId());
        handedTo.put(agent.userId(), now);
        for (List<Candidate> list : free.values()) {
            for (int i = 0; i < list.size(); i++) {
                Candidate c = list.get(i);
                if (c.userId() == agent.userId()) {
                    Candidate loaded =
                            new Candidate(c.userId(), c.name(), c.languages(), c.load() + 1, c.capacity(), now);
                    if (loaded.capacity() != null && loaded.load() >= loaded.capacity()) {
                        list.remove(i);
                    } else {
                        list.set(i, loaded);
                    }
                    break;
                }
            }
        }
    }

    /** Writes the moved pointers and the agents' last hand-out times. */
    private void write() {
        for (Long teamId : moved) {
            TeamRoutingRecord team = teams.get(teamId);
            if (team != null) {
                team.store();
            }
        }
        moved.clear();
        if (!handedTo.isEmpty()) {
            // Only a tie-breaker: skipped for an agent whose row another team's transaction holds, so two teams
            // handing out tickets to shared agents never wait for each other.
            Instant latest = handedTo.values().stream().max(Instant::compareTo).orElseThrow();
            db.update(AGENT_AVAILABILITY)
                    .set(AGENT_AVAILABILITY.LAST_ASSIGNED_AT, latest)
                    .where(AGENT_AVAILABILITY.USER_ID.in(db.select(AGENT_AVAILABILITY.USER_ID)
                            .from(AGENT_AVAILABILITY)
                            .where(AGENT_AVAILABILITY.USER_ID.in(handedTo.keySet()))
                            .forUpdate()
                            .skipLocked()))
                    .execute();
            handedTo.clear();
        }
    }

    @Override
    public void savepoint(Object savepoint) {
        Map<Long, Long> pointers = new HashMap<>();
        teams.forEach((id, team) -> pointers.put(id, team.getLastAssignedUserId()));
        marks.add(new Mark(savepoint, pointers));
    }

    @Override
    public void savepointRollback(Object savepoint) {
        Map<Long, Long> pointers = Map.of();
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (marks.get(i).savepoint() == savepoint) {
                pointers = marks.get(i).pointers();
                marks.subList(i, marks.size()).clear();
                break;
            }
        }
        teams.keySet().retainAll(pointers.keySet());
        moved.retainAll(pointers.keySet());
        // The pointer goes back to where it was: the rolled-back hand-out did not happen.
        for (Map.Entry<Long, TeamRoutingRecord> held : teams.entrySet()) {
            held.getValue().setLastAssignedUserId(pointers.get(held.getKey()));
        }
        free.clear();
    }

    @Override
    public void flush() {
        write();
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        write();
    }

    @Override
    public void suspend() {
        TransactionSynchronizationManager.unbindResource(HeldTeams.class);
    }

    @Override
    public void resume() {
        TransactionSynchronizationManager.bindResource(HeldTeams.class, this);
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(HeldTeams.class);
    }
}
