package dev.kontor.tickets;

import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.domain.ChangeNotices;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Live ticket changes for every node. A change sends a PostgreSQL NOTIFY inside its transaction ({@link
 * ChangeNotices}: delivered on commit, and never for a rolled-back change); each node LISTENs on one connection and hands each
 * change to its local subscribers (the browsers connected to it) whose client scope permits it.
 */
@Component
public class TicketChangeFeed implements SmartLifecycle {

    /** One change: which ticket, of which client, and what happened ("created", "updated", "message"). */
    public record TicketChange(long ticketId, long clientId, String kind) {}

    private static final Logger log = LoggerFactory.getLogger(TicketChangeFeed.class);
    private static final String CHANNEL = ChangeNotices.CHANNEL;

    private final DataSource dataSource;
    private final Map<Object, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    TicketChangeFeed(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Subscription(Supplier<ClientScope> scope, Consumer<TicketChange> consumer) {}

    /** Registers a subscriber; changes of clients outside {@code scope} never reach it. */
    public Object subscribe(ClientScope scope, Consumer<TicketChange> consumer) {
        return subscribe(() -> scope, consumer);
    }

    /**
     * Registers a subscriber whose scope is asked again for every change, so grants revoked while a stream is open
     * apply to the next change it would get.
     */
    public Object subscribe(Supplier<ClientScope> scope, Consumer<TicketChange> consumer) {
        Object handle = new Object();
        subscriptions.put(handle, new Subscription(scope, consumer));
        return handle;
    }

    public void unsubscribe(Object handle) {
        subscriptions.remove(handle);
    }

    void dispatch(TicketChange change) {
        subscriptions.values().forEach(s -> {
            try {
                if (s.scope().get().permits(change.clientId())) {
                    s.consumer().accept(change);
                }
            } catch (RuntimeException e) {
                log.debug("A subscriber failed to take a ticket change", e);
            }
        });
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "ticket-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        String[] parts = n.getParameter().split(":");
                        dispatch(new TicketChange(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]));
                    }
                }
            } catch (Exception e) {
                if (running) {
                    log.warn("Lost the ticket change feed connection; reconnecting: {}", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
