package dev.kontor.audit;

import static dev.kontor.audit.db.Tables.ENTRY;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes audit entries older than the retention, in slices so that a first run on a long trail never holds one
 * huge transaction, and records that it did (who looks at the trail sees where it now starts and why).
 */
@Component
class AuditRetention {

    private static final int SLICE = 10_000;

    private final DSLContext db;
    private final AuditLog log;
    private final AuditSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;

    AuditRetention(DSLContext db, AuditLog log, AuditSettings settings, TransactionTemplate tx, Clock clock) {
        this.db = db;
        this.log = log;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** Returns how many entries were deleted. */
    int prune() {
        if (settings.retention().isZero()) {
            return 0;
        }
        Instant before = clock.instant().minus(settings.retention());
        int total = 0;
        int deleted;
        do {
            Integer n = tx.execute(status -> db.deleteFrom(ENTRY)
                    .where(ENTRY.ID.in(DSL.select(ENTRY.ID)
                            .from(ENTRY)
                            .where(ENTRY.AT.lt(before))
                            .limit(SLICE)))
                    .execute());
            deleted = n == null ? 0 : n;
            total += deleted;
        } while (deleted == SLICE);
        if (total > 0) {
            int count = total;
            tx.executeWithoutResult(status -> log.record(
                    AuditKind.PRUNED,
                    null,
                    null,
                    count + " entries from before " + before + " (retention "
                            + settings.retention().toDays() + " days)"));
        }
        return total;
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {
        @Bean
        RecurringTask<Void> auditRetentionTask(AuditRetention retention, AuditSettings settings) {
            return Tasks.recurring("audit-retention", FixedDelay.of(settings.pruneInterval()))
                    .execute((instance, context) -> retention.prune());
        }
    }
}
