package dev.kontor.interpreting;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kontor.interpreting.internal.MessageTranslationRepository;
import dev.kontor.interpreting.internal.MessageTranslationRepository.Work;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import dev.kontor.translation.TranslationFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes queued translations: takes due rows under a lease (so two nodes never make the same one and a crash only
 * delays it), calls the provider outside any transaction, and stores the text or the error. Retryable failures
 * (outage, rate limit, quota) are tried again with a doubling wait, or when the provider said; others are marked
 * failed at once and shown on the message with a retry.
 */
@Component
class TranslationWork {

    private static final Logger log = LoggerFactory.getLogger(TranslationWork.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MessageTranslationRepository stored;
    private final TicketQueries tickets;
    private final TicketManagement changes;
    private final Translating translating;
    private final InterpretingSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;

    TranslationWork(
            MessageTranslationRepository stored,
            TicketQueries tickets,
            TicketManagement changes,
            Translating translating,
            InterpretingSettings settings,
            TransactionTemplate tx,
            Clock clock) {
        this.stored = stored;
        this.tickets = tickets;
        this.changes = changes;
        this.translating = translating;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** Makes the translations due now; returns how many it tried. */
    int runDue() {
        Instant now = clock.instant();
        List<Work> due = tx.execute(s -> stored.claimDue(now, now.plus(LEASE), settings.batch()));
        for (Work w : due) {
            make(w);
        }
        return due.size();
    }

    private void make(Work w) {
        try {
            TicketView ticket =
                    tickets.find(w.ticketId(), ClientScope.everything()).orElseThrow();
            MessageView m = tickets.message(w.messageId());
            translating.translateMessage(ticket, m, w.targetLanguage());
        } catch (TranslationFailed e) {
            Instant retryAt = e.retryable() && w.attempts() < settings.maxAttempts()
                    ? clock.instant().plus(e.retryAfter().orElse(backoff(w.attempts())))
                    : null;
            stored.failed(w.messageId(), w.targetLanguage(), e.provider(), e.getMessage(), retryAt, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Translating message {} into {} failed", w.messageId(), w.targetLanguage(), e);
            Instant retryAt =
                    w.attempts() < settings.maxAttempts() ? clock.instant().plus(backoff(w.attempts())) : null;
            stored.failed(w.messageId(), w.targetLanguage(), null, "unexpected error", retryAt, clock.instant());
        }
        // Open pages of the ticket show the translation (or its error) without a reload.
        changes.announce(w.ticketId(), w.clientId(), "updated");
    }

    /** The wait after the {@code attempts}-th failed try: doubling from the first retry up to the maximum. */
    Duration backoff(int attempts) {
        Duration d = settings.firstRetry().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return d.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : d;
    }

    @Configuration(proxyBeanMethods = false)
    static class Tasks_ {

        @Bean
        RecurringTask<Void> makeQueuedTranslations(TranslationWork work, InterpretingSettings settings) {
            return Tasks.recurring("interpreting-make-translations", FixedDelay.of(settings.workInterval()))
                    .execute((instance, context) -> work.runDue());
        }
    }
}
