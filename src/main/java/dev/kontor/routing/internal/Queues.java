package dev.kontor.routing.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.routing.RoutingSettings;
import dev.kontor.tickets.TicketQueries;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Waiting tickets go to agents as they become free: at once when an agent goes online or a ticket of theirs stops
 * being open, and every {@code drainInterval} for everything else (working hours beginning, capacity raised).
 */
@Component
public class Queues {

    private final Routing routing;
    private final TicketQueries tickets;
    private final AccountManagement accounts;
    private final TransactionTemplate transactions;

    Queues(
            Routing routing,
            TicketQueries tickets,
            AccountManagement accounts,
            PlatformTransactionManager transactionManager) {
        this.routing = routing;
        this.tickets = tickets;
        this.accounts = accounts;
        // Each team in a transaction of its own: a drain holds one team's row at a time, never two.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * An agent may take more tickets: each of their teams offers its queue, once the caller's transaction (which
     * may have freed the agent) committed.
     */
    public void agentFreed(Long userId) {
        if (userId == null) {
            return;
        }
        drainAfterCommit(accounts.user(userId).teamIds());
    }

    /** Drains these teams after the current transaction commits (at once without one). */
    public void drainAfterCommit(Collection<Long> teamIds) {
        List<Long> teams = List.copyOf(teamIds);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    teams.forEach(Queues.this::drain);
                }
            });
        } else {
            teams.forEach(this::drain);
        }
    }

    /** Offers every team's queue; returns how many tickets were assigned. */
    public int drainAll() {
        int assigned = 0;
        for (Long teamId : tickets.teamsWithWaitingTickets()) {
            assigned += drain(teamId);
        }
        return assigned;
    }

    public int drain(long teamId) {
        Integer n = transactions.execute(tx -> routing.drain(teamId));
        return n == null ? 0 : n;
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {
        @Bean
        RecurringTask<Void> routingDrainTask(Queues queues, RoutingSettings settings) {
            return Tasks.recurring("routing-drain", FixedDelay.of(settings.drainInterval()))
                    .execute((instance, context) -> queues.drainAll());
        }
    }
}
