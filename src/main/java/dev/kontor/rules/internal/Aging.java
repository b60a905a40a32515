package dev.kontor.rules.internal;

import static dev.kontor.rules.db.Tables.FIRING;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kontor.rules.RuleSettings;
import dev.kontor.tickets.TicketAging;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time rules: every {@code agingInterval}, each rule reads the unresolved tickets its time conditions allow (the
 * window is a query on the ticket's anchors), skips those whose current episode already fired, and fires on the
 * rest, one ticket per transaction. db-scheduler runs the scan on one node at a time; should two nodes scan at
 * once anyway, the firing's unique episode row lets only one of them act.
 */
@Component
public class Aging {

    private static final int PAGE = 500;

    private final DSLContext db;
    private final RuleBook book;
    private final RuleEngine engine;
    private final TicketQueries tickets;
    private final Facts.Source source;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Aging(
            DSLContext db,
            RuleBook book,
            RuleEngine engine,
            TicketQueries tickets,
            Facts.Source source,
            TransactionTemplate transactions,
            Clock clock) {
        this.db = db;
        this.book = book;
        this.engine = engine;
        this.tickets = tickets;
        this.source = source;
        this.transactions = transactions;
        this.clock = clock;
    }

    public int scan() {
        return scan(clock.instant());
    }

    /** Checks every time rule at {@code now}; returns how many firings this call made. */
    public int scan(Instant now) {
        int fired = 0;
        for (CompiledRule rule : book.rules()) {
            if (rule.timeRule()) {
                fired += scan(rule, now);
            }
        }
        return fired;
    }

    private int scan(CompiledRule rule, Instant now) {
        // With "any", one time condition may hold without the others: only "all" narrows the candidates.
        TicketAging window = new TicketAging(rule.clientId(), null, null, null, null);
        if (rule.matchAll()) {
            for (Check.Elapsed e : rule.elapsed()) {
                window = e.narrow(window, now);
            }
        }
        int fired = 0;
        long after = 0;
        while (true) {
            List<TicketView> page = tickets.aging(window, after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            Set<String> done = db
                    .select(FIRING.TICKET_ID, FIRING.EPISODE)
                    .from(FIRING)
                    .where(FIRING.RULE_ID.eq(rule.id()))
                    .and(FIRING.TICKET_ID.in(page.stream().map(TicketView::id).toList()))
                    .and(FIRING.EPISODE.isNotNull())
                    .fetch(r -> r.value1() + " " + r.value2())
                    .stream()
                    .collect(Collectors.toSet());
            for (TicketView t : page) {
                if (done.contains(t.id() + " " + RuleEngine.episode(rule, t))) {
                    continue;
                }
                if (!rule.matches(new Facts(t, now, Trigger.TIME, Facts.Context.none(), source))) {
                    continue;
                }
                if (Boolean.TRUE.equals(transactions.execute(tx -> engine.runTimeRule(rule, t.id(), now)))) {
                    fired++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return fired;
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {
        @Bean
        RecurringTask<Void> rulesAgingTask(Aging aging, RuleSettings settings) {
            return Tasks.recurring("rules-aging", FixedDelay.of(settings.agingInterval()))
                    .execute((instance, context) -> aging.scan());
        }
    }
}
