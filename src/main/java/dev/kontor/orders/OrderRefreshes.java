package dev.kontor.orders;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.kontor.tickets.TicketEvents.MessageReceived;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a customer writes on a ticket about orders, the orders are refreshed in the background (a db-scheduler
 * task, so one node does it, and a burst of messages on one ticket makes one refresh), never in the thread that
 * took the message in.
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
            @Lazy SchedulerClient scheduler, OneTimeTask<Long> orderRefreshTask, Clock clock) {
        return new MessageListener(scheduler, orderRefreshTask, clock);
    }

    static class MessageListener {
        private final SchedulerClient scheduler;
        private final OneTimeTask<Long> task;
        private final Clock clock;

        MessageListener(SchedulerClient scheduler, OneTimeTask<Long> task, Clock clock) {
            this.scheduler = scheduler;
            this.task = task;
            this.clock = clock;
        }

        @TransactionalEventListener
        void on(MessageReceived received) {
            scheduler.scheduleIfNotExists(
                    task.instance("ticket-" + received.ticketId(), received.ticketId()), clock.instant());
        }
    }
}
