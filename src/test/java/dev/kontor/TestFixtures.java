package dev.kontor;

import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientCommands.CreateClient;
import dev.kontor.clients.ClientCommands.CreateStore;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.tickets.IngestResult;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Builds test data through the modules' own APIs, with unique keys so tests sharing a database never clash. */
@Component
public class TestFixtures {

    public static final String PASSWORD = "test-password-1";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ClientManagement clients;
    private final AccountManagement accounts;
    private final CustomerManagement customers;
    private final TicketManagement tickets;
    private final DSLContext db;

    TestFixtures(
            ClientManagement clients,
            AccountManagement accounts,
            CustomerManagement customers,
            TicketManagement tickets,
            DSLContext db) {
        this.clients = clients;
        this.accounts = accounts;
        this.customers = customers;
        this.tickets = tickets;
        this.db = db;
    }

    /**
     * Waits until every module listener has handled the events about these tickets (and the events those
     * published in turn), so that a test can change a ticket without a late listener changing it back.
     */
    public void awaitListenersDone(long... ticketIds) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            long n = 0;
            for (long id : ticketIds) {
                n += db.fetchOne("select count(*) from tickets.message_flow where ticket_id = ?", id)
                        .get(0, Long.class);
                n += db.fetchOne(
                                "select count(*) from platform.event_publication where completion_date is null"
                                        + " and serialized_event like ?",
                                "%\"ticketId\":" + id + ",%")
                        .get(0, Long.class);
            }
            return n == 0;
        });
    }

    /** A customer's message through the store's API channel, as a channel would deliver it. */
    public IngestResult ticket(StoreView store, String subject, String text, String html) {
        var customer = customers.resolve(store.clientId(), "email", unique("buyer") + "@example.org", "Buyer");
        return tickets.ingest(new IngestMessage(
                store.clientId(),
                store.id(),
                clients.apiChannelOf(store.id()).id(),
                customer.id(),
                "Buyer",
                subject,
                text,
                html,
                null,
                null,
                null,
                List.of()));
    }

    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    public ClientView client() {
        String key = unique("client");
        return clients.createClient(new CreateClient(key, "Client " + key));
    }

    public StoreView store(ClientView client) {
        String key = unique("store");
        return clients.createStore(new CreateStore(client.id(), key, "Store " + key));
    }

    public UserView agent(ClientView... access) {
        return user(Role.AGENT, access);
    }

    public UserView admin() {
        return user(Role.ADMIN);
    }

    public UserView user(Role role, ClientView... access) {
        String email = unique("user") + "@example.com";
        return accounts.createUser(new CreateUser(
                email,
                "User " + email,
                role,
                PASSWORD,
                "en",
                List.of("en"),
                Set.copyOf(java.util.Arrays.stream(access).map(ClientView::id).toList())));
    }

    /** A fresh API token of the user, as sent in "Authorization: Bearer ...". */
    public String token(UserView user) {
        return accounts.createApiToken(user.id(), "test").token();
    }
}
