package dev.kontor.tickets.flow;

import dev.kontor.shared.BatchMemo;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.MessageFlowSettings;
import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.ReceivedMessage;
import dev.kontor.tickets.TicketChangeFeed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passes every stored customer message through the steps once (triage, rules, SLA, in their order), in batches:
 * one transaction claims up to a batch of waiting messages (whole tickets, skipping what another worker or node
 * holds), loads what the steps need in one query, runs each step over the batch and deletes the rows. A batch that
 * fails is passed again ticket by ticket; a ticket that still fails keeps its rows with the error and waits with a
 * growing backoff, visible to admins, while every other ticket goes on. Workers sleep when there is nothing to do
 * and wake when a message is stored (any node's: the change feed tells every node).
 */
@Component
class MessagePass implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessagePass.class);

    private final FlowQueue queue;
    private final List<MessageStep> steps;
    private final TransactionTemplate tx;
    private final MessageFlowSettings settings;
    private final TicketChangeFeed feed;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private Object subscription;

    MessagePass(
            FlowQueue queue,
            List<MessageStep> steps,
            PlatformTransactionManager transactions,
            MessageFlowSettings settings,
            TicketChangeFeed feed,
            Clock clock) {
        this.queue = queue;
        this.steps = List.copyOf(steps);
        this.tx = new TransactionTemplate(transactions);
        this.settings = settings;
        this.feed = feed;
        this.clock = clock;
    }

    /**
     * One batch: returns how many messages were passed (0 when nothing was due). Public for tests and tools that
     * want the pass to happen now, on this thread.
     */
    int passOnce() {
        List<List<Long>> failedTickets = new ArrayList<>();
        Integer passed;
        try {
            passed = tx.execute(status -> {
                List<FlowQueue.Claimed> claimed = queue.claim(settings.batchSize(), clock.instant());
                if (claimed.isEmpty()) {
                    return 0;
                }
                List<Long> ids =
                        claimed.stream().map(FlowQueue.Claimed::messageId).toList();
                try {
                    run(queue.load(ids));
                } catch (RuntimeException e) {
                    status.setRollbackOnly();
                    failedTickets.addAll(byTicket(claimed));
                    log.info(
                            "A batch of {} messages failed ({}); passing them one ticket at a time",
                            ids.size(),
                            e.toString());
                    return 0;
                }
                queue.done(ids);
                return ids.size();
            });
        } catch (RuntimeException e) {
            // The commit itself failed (a deadlock or serialisation failure): the rows are waiting again.
            log.warn("A batch could not commit; it is passed again: {}", e.toString());
            return 0;
        }
        int alone = 0;
        for (List<Long> messages : failedTickets) {
            alone += passAlone(messages);
        }
        return passed == null ? alone : passed + alone;
    }

    private int passAlone(List<Long> messageIds) {
        try {
            Integer n = tx.execute(status -> {
                List<Long> claimed = queue.reclaim(messageIds);
                if (claimed.isEmpty()) {
                    return 0;
                }
                run(queue.load(claimed));
                queue.done(claimed);
                return claimed.size();
            });
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            log.warn("The pass of messages {} failed; trying again later: {}", messageIds, e.toString());
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            tx.executeWithoutResult(status -> queue.failed(
                    messageIds,
                    error.length() > 2000 ? error.substring(0, 2000) : error,
                    clock.instant(),
                    settings.maxBackoff()));
            return 0;
        }
    }

    private void run(List<ReceivedMessage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<Long> tickets = batch.stream().map(ReceivedMessage::ticketId).collect(Collectors.toSet());
        // Teams, users, policies and settings are read once per batch, not once per message.
        PassingTickets.during(
                tickets,
                () -> BatchMemo.during(() -> {
                    for (MessageStep step : steps) {
                        step.process(batch);
                    }
                }));
    }

    private static List<List<Long>> byTicket(List<FlowQueue.Claimed> claimed) {
        Map<Long, List<Long>> groups = new LinkedHashMap<>();
        for (FlowQueue.Claimed c : claimed) {
            groups.computeIfAbsent(c.ticketId(), k -> new ArrayList<>()).add(c.messageId());
        }
        return new ArrayList<>(groups.values());
    }

    private void work() {
        while (running) {
            try {
                if (passOnce() == 0) {
                    wake.tryAcquire(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("The message pass worker hit an error; going on: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(settings.idlePoll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        subscription = feed.subscribe(ClientScope.everything(), change -> {
            if (!"updated".equals(change.kind())) {
                wake.release(settings.workers());
            }
        });
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(this::work, "message-pass-" + (i + 1));
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (subscription != null) {
            feed.unsubscribe(subscription);
        }
        workers.forEach(Thread::interrupt);
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the data source and the change feed it listens to.
        return Integer.MAX_VALUE - 100;
    }
}
