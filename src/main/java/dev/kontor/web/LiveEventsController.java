package dev.kontor.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.tickets.TicketChangeFeed;
import java.io.IOException;
import java.util.Map;
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
 * "ticket-{id}" for that ticket's page. The client scope is applied by the feed, so nothing of other clients
 * reaches the browser.
 */
@RestController
class LiveEventsController implements DisposableBean {

    private final TicketChangeFeed feed;
    private final Map<SseEmitter, Object> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    LiveEventsController(TicketChangeFeed feed) {
        this.feed = feed;
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
        Object handle = feed.subscribe(user.scope(), change -> {
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
