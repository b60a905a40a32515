package dev.kontor.tickets.domain;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Deletes the sort keys no accepted cursor can need any more, on one node at a time. */
@Configuration(proxyBeanMethods = false)
class PagingTasks {

    @Bean
    RecurringTask<Void> forgetOldTicketKeyChanges(InboxQueries inbox) {
        return Tasks.recurring("tickets-forget-key-changes", FixedDelay.of(Duration.ofMinutes(10)))
                .execute((instance, context) -> inbox.forgetOldKeyChanges());
    }
}
