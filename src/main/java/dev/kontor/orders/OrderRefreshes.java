package dev.kontor.orders;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.kontor.tickets.TicketEvents.MessageReceived;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

/**
 * When a customer writes on a ticket about orders, the orders are refreshed in the background (a db-scheduler
 * task, so one node does it, and a burst of messages on one ticket makes one refresh), never in the thread that
 * took the message in. Only a channel with orders (a marketplace) has anything to refresh: a message on any other
 * channel schedules nothing, which spares the scheduler an insert, a pick and a delete per message.
 *
 * <p>The refresh is scheduled in the transaction that stores the message (the scheduler's data source joins it), so
 * both commit or neither does. An after-commit listener would cost every message an entry in the publication
 * registry (written, marked and deleted, in a transaction of its own) just to decide that an API message has no
 * orders to refresh.
 */
@Configuration(proxyBeanMethods = false)
class OrderRefreshes {

    @Bean
    OneTimeTask<Long> orderRefreshTask(OrderManagement orders) {
        return Tasks.oneTime("order-refresh", Long.class)
                .execute((instance, context) -> orders.refreshRecentlyUnseen(instance.getData()));
    }

    @Bean
    MessageListener orderRefreshOnMessage(
            @Lazy SchedulerClient scheduler,
            OneTimeTask<Long> orderRefreshTask,
            List<OrderSource> sources,
            Clock clock) {
        return new MessageListener(scheduler, orderRefreshTask, sources, clock);
    }

    static class MessageListener {
        private final SchedulerClient scheduler;
        private final OneTimeTask<Long> task;
        private final List<OrderSource> sources;
        private final Clock clock;

        MessageListener(SchedulerClient scheduler, OneTimeTask<Long> task, List<OrderSource> sources, Clock clock) {
            this.scheduler = scheduler;
            this.task = task;
            this.sources = List.copyOf(sources);
            this.clock = clock;
        }

        /**
         * Decided by the channel, not by the ticket's order references: triage may still find a reference in this
         * very message, in its pass, after this runs; the task reads the references when it runs.
         */
        @EventListener
        void on(MessageReceived received) {
            if (sources.stream().anyMatch(s -> s.serves(received.channelId()))) {
                scheduler.scheduleIfNotExists(
                        task.instance("ticket-" + received.ticketId(), received.ticketId()), clock.instant());
            }
        }
    }
}
