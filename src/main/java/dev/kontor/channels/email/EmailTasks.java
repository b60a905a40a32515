package dev.kontor.channels.email;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The e-mail channel's background work on db-scheduler, so each piece runs on one node at a time however many
 * nodes there are: a dispatcher schedules one fetch task per due mailbox (fetches run in parallel, and a slow
 * mailbox holds only its own task; a fetch only stores raw mail), processing turns stored mail into ticket
 * messages on its own, and the outbox sends what is due.
 */
@Configuration(proxyBeanMethods = false)
class EmailTasks {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmailTasks.class);

    @Bean
    OneTimeTask<Long> emailFetchTask(
            MailFetcher fetcher, InboundMailProcessor processor, Mailboxes mailboxes, EmailSettings settings) {
        return Tasks.oneTime("email-fetch", Long.class).execute((instance, context) -> {
            long mailboxId = instance.getData();
            if (!current(instance.getId(), mailboxes.generation(mailboxId))) {
                return; // a dead node's execution, rerun by the scheduler after the mailbox was taken over
            }
            // Idle (where the server can) until about the next poll, so a mailbox is watched all the time.
            Duration idle = mailboxes
                    .find(mailboxId)
                    .map(m -> Duration.ofSeconds(m.pollSeconds()).minusSeconds(5))
                    .filter(d -> !d.isNegative())
                    .map(d -> d.compareTo(settings.maxIdle()) > 0 ? settings.maxIdle() : d)
                    .orElse(Duration.ZERO);
            // Fetching only stores: processing is its own task, so a backlog never holds the IMAP connection.
            fetcher.fetch(mailboxId, Duration.ZERO, idle, () -> {});
        });
    }

    /** Turns stored mail into ticket messages, apart from fetching; what a crash left "new" is picked up again. */
    @Bean
    RecurringTask<Void> emailProcessTask(InboundMailProcessor processor) {
        return Tasks.recurring("email-process", FixedDelay.of(Duration.ofSeconds(1)))
                .execute((instance, context) -> processor.processAll());
    }

    @Bean
    RecurringTask<Void> emailDispatchTask(
            Mailboxes mailboxes, OneTimeTask<Long> emailFetchTask, EmailSettings settings, Clock clock) {
        return Tasks.recurring("email-dispatch", FixedDelay.of(settings.dispatchInterval()))
                .execute((instance, context) -> {
                    Instant now = clock.instant();
                    for (long id : mailboxes.takeOverStalled(now)) {
                        log.warn("Mailbox {}: its fetch stopped with its node; fetching it again now", id);
                    }
                    for (Mailboxes.DueFetch due : mailboxes.dueFetches(now)) {
                        context.getSchedulerClient()
                                .scheduleIfNotExists(
                                        emailFetchTask.instance(
                                                "mailbox-" + due.id() + "-g" + due.generation(), due.id()),
                                        now);
                    }
                });
    }

    /** Whether a fetch task instance ("mailbox-7-g3") belongs to the mailbox's current generation. */
    static boolean current(String instanceId, int generation) {
        int g = instanceId.lastIndexOf("-g");
        if (g < 0) {
            return true; // named before generations: let it run once
        }
        try {
            return Integer.parseInt(instanceId.substring(g + 2)) == generation;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    @Bean
    RecurringTask<Void> emailOutboxTask(Outbox outbox, EmailSettings settings) {
        return Tasks.recurring("email-outbox", FixedDelay.of(settings.dispatchInterval()))
                .execute((instance, context) -> outbox.sendDue());
    }
}
