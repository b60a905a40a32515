package dev.kontor.web;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.CurrentUser;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketChangeFeed;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the open pages of this node: "tickets" when any ticket the user may see changes, and
 * "ticket-{id}" for that ticket's page. The client scope is applied by the feed with the user's grants at delivery,
 * so nothing of other clients reaches the browser, even after a grant is revoked while the page stays open.
 */
@RestController
class LiveEventsController implements DisposableBean {

    /** How long a stream trusts the grants it read: a revoked grant stops the events within this time. */
    static final Duration GRANTS_FRESH_FOR = Duration.ofSeconds(5);

    private final TicketChangeFeed feed;
    private final AccountManagement accounts;
    private final Clock clock;
    private final Map<SseEmitter, Object> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    LiveEventsController(TicketChangeFeed feed, AccountManagement accounts, Clock clock) {
        this.feed = feed;
        this.accounts = accounts;
        this.clock = clock;
        // Comments keep idle connections open through proxies and reveal browsers that went away.
        heartbeat.scheduleAtFixedRate(
                () -> open.keySet().forEach(e -> send(e, SseEmitter.event().comment("keep-alive"))),
                20,
                20,
                TimeUnit.SECONDS);
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(CurrentUser user) {
        SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(30));
        Grants grants = new Grants(user.id(), user.scope(), clock.instant(), emitter);
        Object handle = feed.subscribe(grants::now, change -> {
            send(emitter, SseEmitter.event().name("tickets").data(Long.toString(change.ticketId())));
            send(emitter, SseEmitter.event().name("ticket-" + change.ticketId()).data(change.kind()));
        });
        open.put(emitter, handle);
        Runnable close = () -> {
            Object h = open.remove(emitter);
            if (h != null) {
                feed.unsubscribe(h);
            }
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        return emitter;
    }

    /**
     * The stream's user's client grants as they are at delivery (read again once they are older than
     * {@link #GRANTS_FRESH_FOR}); a deactivated user's stream ends and gets nothing more.
     */
    private final class Grants {
        private final long userId;
        private final SseEmitter emitter;
        private volatile ClientScope scope;
        private volatile Instant readAt;

        Grants(long userId, ClientScope scope, Instant readAt, SseEmitter emitter) {
            this.userId = userId;
            this.scope = scope;
            this.readAt = readAt;
            this.emitter = emitter;
        }

        ClientScope now() {
            Instant at = clock.instant();
            if (at.isAfter(readAt.plus(GRANTS_FRESH_FOR))) {
                Optional<CurrentUser> user = accounts.currentUser(userId);
                scope = user.map(CurrentUser::scope).orElse(ClientScope.of(List.of()));
                readAt = at;
                if (user.isEmpty()) {
                    emitter.complete();
                }
            }
            return scope;
        }
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    /**
     * Ends the streams as soon as shutdown begins: a graceful shutdown waits for open requests, and an SSE stream
     * would hold it for the full timeout. Browsers reconnect to another node.
     */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        open.keySet().forEach(SseEmitter::complete);
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
        closeStreams();
    }
}
