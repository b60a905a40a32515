package dev.kontor.channels.runtime;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kontor.channels.ChannelAdapter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared background work of channel adapters on db-scheduler, so each piece runs on one node at a time: a
 * dispatcher schedules one poll task per due account (polls run in parallel on the scheduler's threads, and a slow
 * or broken marketplace holds only its own task), and an outbox task sends due replies.
 */
@Configuration(proxyBeanMethods = false)
class ChannelTasks {

    @Bean
    OneTimeTask<String> channelPollTask(List<ChannelAdapter> adapters) {
        return Tasks.oneTime("channel-poll", String.class).execute((instance, context) -> {
            String[] kindAndId = instance.getData().split(":", 2);
            adapters.stream()
                    .filter(a -> a.kind().key().equals(kindAndId[0]))
                    .findFirst()
                    .ifPresent(a -> a.poll(Long.parseLong(kindAndId[1])));
        });
    }

    @Bean
    RecurringTask<Void> channelDispatchTask(
            List<ChannelAdapter> adapters,
            OneTimeTask<String> channelPollTask,
            @Value("${kontor.channels.dispatch-interval:5s}") Duration interval,
            Clock clock) {
        return Tasks.recurring("channel-dispatch", FixedDelay.of(interval)).execute((instance, context) -> {
            Instant now = clock.instant();
            for (ChannelAdapter adapter : adapters) {
                if (adapter.schedulesItself()) {
                    continue;
                }
                for (long id : adapter.dueAccounts(now)) {
                    String key = adapter.kind().key() + ":" + id;
                    context.getSchedulerClient()
                            .scheduleIfNotExists(channelPollTask.instance(key.replace(':', '-'), key), now);
                }
            }
        });
    }

    @Bean
    RecurringTask<Void> channelOutboxTask(
            List<ChannelAdapter> adapters, @Value("${kontor.channels.dispatch-interval:5s}") Duration interval) {
        return Tasks.recurring("channel-outbox", FixedDelay.of(interval))
                .execute((instance, context) ->
                        adapters.stream().filter(a -> !a.schedulesItself()).forEach(ChannelAdapter::sendDue));
    }
}
