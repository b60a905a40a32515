package dev.kontor.sla;

import static dev.kontor.sla.db.Tables.ALERT;
import static dev.kontor.sla.db.Tables.DEADLINE;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kontor.sla.SlaEvents.SlaBreached;
import dev.kontor.sla.SlaEvents.SlaWarningRaised;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises warnings before deadlines and breaches after them. Each alert is a row unique per ticket, metric, kind
 * and deadline, inserted in the transaction that publishes its event: however many nodes scan at once, one insert
 * wins and one event goes out. The scan runs as a db-scheduler recurring task, so normally one node scans anyway.
 */
@Component
class SlaWatch {

    private final DSLContext db;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final SlaSettings settings;
    private final Clock clock;

    SlaWatch(
            DSLContext db,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            SlaSettings settings,
            Clock clock) {
        this.db = db;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns how many alerts this call raised. */
    int scan() {
        Instant now = clock.instant();
        int raised = 0;
        // Only deadlines whose alert of that kind is not raised yet: breached ones stay in the table until the
        // ticket is answered, and must not crowd out newer ones.
        var breachRaised = DSL.selectOne()
                .from(ALERT)
                .where(ALERT.TICKET_ID.eq(DEADLINE.TICKET_ID))
                .and(ALERT.METRIC.eq(DEADLINE.METRIC))
                .and(ALERT.DUE_AT.eq(DEADLINE.DUE_AT))
                .and(ALERT.KIND.eq("breach"));
        var warningRaised = DSL.selectOne()
                .from(ALERT)
                .where(ALERT.TICKET_ID.eq(DEADLINE.TICKET_ID))
                .and(ALERT.METRIC.eq(DEADLINE.METRIC))
                .and(ALERT.DUE_AT.eq(DEADLINE.DUE_AT))
                .and(ALERT.KIND.eq("warning"));
        var due = db.selectFrom(DEADLINE)
                .where(DEADLINE.DUE_AT.le(now).and(DSL.notExists(breachRaised)))
                .or(DEADLINE.DUE_AT
                        .gt(now)
                        .and(DEADLINE.DUE_AT.le(now.plus(settings.warningBefore())))
                        .and(DSL.notExists(warningRaised)))
                .orderBy(DEADLINE.DUE_AT)
                .limit(1000)
                .fetch();
        for (var d : due) {
            boolean breached = !d.getDueAt().isAfter(now);
            Duration window = Duration.ofSeconds(d.getTargetSeconds() / 4);
            if (window.compareTo(settings.warningBefore()) > 0) {
                window = settings.warningBefore();
            }
            if (!breached && d.getDueAt().isAfter(now.plus(window))) {
                continue;
            }
            String kind = breached ? "breach" : "warning";
            Boolean inserted = transactions.execute(tx -> {
                int rows = db.insertInto(ALERT)
                        .set(ALERT.TICKET_ID, d.getTicketId())
                        .set(ALERT.CLIENT_ID, d.getClientId())
                        .set(ALERT.METRIC, d.getMetric())
                        .set(ALERT.KIND, kind)
                        .set(ALERT.DUE_AT, d.getDueAt())
                        .set(ALERT.RAISED_AT, now)
                        .onConflictDoNothing()
                        .execute();
                if (rows == 1) {
                    events.publishEvent(
                            breached
                                    ? new SlaBreached(d.getTicketId(), d.getClientId(), d.getMetric(), d.getDueAt())
                                    : new SlaWarningRaised(
                                            d.getTicketId(), d.getClientId(), d.getMetric(), d.getDueAt()));
                }
                return rows == 1;
            });
            if (Boolean.TRUE.equals(inserted)) {
                raised++;
            }
        }
        return raised;
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {
        @Bean
        RecurringTask<Void> slaWatchTask(SlaWatch watch, SlaSettings settings) {
            return Tasks.recurring("sla-watch", FixedDelay.of(settings.scanInterval()))
                    .execute((instance, context) -> watch.scan());
        }
    }
}
