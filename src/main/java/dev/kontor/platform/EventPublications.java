package dev.kontor.platform;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventPublicationRepository.FailedCriteria;
import org.springframework.stereotype.Service;

/**
 * Keeps the promise of the event publication registry: a listener that failed is not left until the next restart
 * but tried again with a growing backoff, and admins see what failed and can try it again at once.
 */
@Service
public class EventPublications {

    private final EventPublicationRepository registry;
    private final FailedEventPublications failed;
    private final EventRetrySettings settings;
    private final Clock clock;

    EventPublications(
            EventPublicationRepository registry,
            FailedEventPublications failed,
            EventRetrySettings settings,
            Clock clock) {
        this.registry = registry;
        this.failed = failed;
        this.settings = settings;
        this.clock = clock;
    }

    public EventPublicationStatus status(int limit) {
        List<EventPublicationStatus.Failed> failing =
                registry
                        .findFailedPublications(FailedCriteria.ALL.withItemsToRead(Math.max(1, Math.min(limit, 500))))
                        .stream()
                        .sorted(Comparator.comparing(EventPublication::getPublicationDate))
                        .map(p -> new EventPublicationStatus.Failed(
                                p.getIdentifier().toString(),
                                p.getTargetIdentifier().getValue(),
                                p.getEvent().getClass().getName(),
                                p.getPublicationDate(),
                                p.getCompletionAttempts(),
                                p.getLastResubmissionDate(),
                                nextTry(p)))
                        .toList();
        return new EventPublicationStatus(
                registry.countByStatus(EventPublication.Status.PUBLISHED),
                registry.countByStatus(EventPublication.Status.PROCESSING),
                registry.countByStatus(EventPublication.Status.RESUBMITTED),
                registry.countByStatus(EventPublication.Status.FAILED),
                failing);
    }

    /** Every failed publication whose backoff ran out is handed to its listener again (asynchronously). */
    void retryDue() {
        Instant now = clock.instant();
        failed.resubmit(
                ResubmissionOptions.defaults().withFilter(p -> !nextTry(p).isAfter(now)));
    }

    /** An admin's "try again now": every failed publication, whatever its backoff. */
    public void retryAllNow() {
        failed.resubmit(ResubmissionOptions.defaults());
    }

    /** The first retry {@code firstBackoff} after the failure, each later one twice as long after the last. */
    private Instant nextTry(EventPublication p) {
        Instant last = p.getLastResubmissionDate() != null ? p.getLastResubmissionDate() : p.getPublicationDate();
        int attempts = Math.max(0, p.getCompletionAttempts() - 1);
        Duration wait = settings.firstBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return last.plus(wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait);
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {
        /** A db-scheduler task: one node at a time resubmits, so no publication is handed out twice at once. */
        @Bean
        RecurringTask<Void> eventRetryTask(EventPublications publications, EventRetrySettings settings) {
            return Tasks.recurring("event-retry", FixedDelay.of(settings.interval()))
                    .execute((instance, context) -> publications.retryDue());
        }
    }
}
