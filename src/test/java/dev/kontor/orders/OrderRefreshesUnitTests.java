package dev.kontor.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.kontor.tickets.TicketEvents.MessageReceived;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderRefreshesUnitTests {

    private static final long MARKETPLACE_CHANNEL = 7;
    private static final long API_CHANNEL = 8;

    private final List<String> scheduled = new ArrayList<>();
    private final OrderRefreshes.MessageListener listener = new OrderRefreshes.MessageListener(
            recordingScheduler(),
            Tasks.oneTime("order-refresh", Long.class).execute((instance, context) -> {}),
            List.of(marketplace()),
            Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aMessageOnAChannelWithOrdersSchedulesARefreshOfItsTicket() {
        listener.on(new MessageReceived(41, 1, MARKETPLACE_CHANNEL, 501));
        listener.on(new MessageReceived(41, 1, MARKETPLACE_CHANNEL, 502));

        assertThat(scheduled).containsExactly("ticket-41", "ticket-41");
    }

    @Test
    void aMessageOnAChannelWithoutOrdersSchedulesNothing() {
        listener.on(new MessageReceived(42, 1, API_CHANNEL, 503));

        assertThat(scheduled).isEmpty();
    }

    /** Records the instances asked for; scheduling only if none exists is the scheduler's business. */
    private SchedulerClient recordingScheduler() {
        return (SchedulerClient) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SchedulerClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("scheduleIfNotExists") && args[0] instanceof TaskInstance<?> instance) {
                        scheduled.add(instance.getId());
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static OrderSource marketplace() {
        return new OrderSource() {
            @Override
            public boolean serves(long channelId) {
                return channelId == MARKETPLACE_CHANNEL;
            }

            @Override
            public Optional<OrderData> fetch(long channelId, String orderId) {
                return Optional.empty();
            }

            @Override
            public void cancel(long channelId, String orderId) {}

            @Override
            public void refuseLines(long channelId, String orderId, List<String> lineIds, boolean acceptOthers) {}
        };
    }
}
