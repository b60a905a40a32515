package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;
import static dev.kontor.channels.db.Tables.MAILBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.channels.MailboxCommands.CreateMailbox;
import dev.kontor.channels.MailboxCommands.MailServer;
import dev.kontor.channels.MailboxManagement;
import dev.kontor.channels.MailboxView;
import dev.kontor.channels.ReplyDelivery;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketStatus;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The e-mail channel against Debian's Dovecot and Postfix (see {@link RealMailServers}); skipped where they are
 * not installed or with {@code -DskipRealMailTests}. Prints the import rate and the crash recovery time.
 */
@KontorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailRealServersProcessTests {

    @Autowired
    MailboxManagement mail;

    @Autowired
    EmailChannel email;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    DSLContext db;

    RealMailServers servers;
    MailboxView mailbox;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(RealMailServers.available(), "Dovecot and Postfix are not installed (or skipped)");
        servers = new RealMailServers(List.of("support", "anna"));
        mailbox = mail.create(new CreateMailbox(
                fixtures.store(fixtures.client()).id(),
                new MailServer("127.0.0.1", servers.imapPort, "none", "support@shop.test", "secret"),
                "INBOX",
                new MailServer("127.0.0.1", servers.smtpPort, "none", "", ""), // Postfix relays for loopback
                "support@shop.test",
                "Shop Support",
                "",
                60,
                false));
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private void send(String from, String subject, String body, String messageId) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.localhost", "example.net");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, "support@shop.test");
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        m.saveChanges();
        try (Transport t = session.getTransport("smtp")) {
            t.connect("127.0.0.1", servers.smtpPort, null, null);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    private int count(String status) {
        return db.fetchCount(
                INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()).and(INBOUND_MAIL.STATUS.eq(status)));
    }

    private Folder inbox(String user) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", servers.imapPort, user + "@shop.test", "secret");
        Folder folder = store.getFolder("INBOX");
        folder.open(Folder.READ_ONLY);
        return folder;
    }

    private long ticketOf(String messageId) {
        return db.select(INBOUND_MAIL.TICKET_ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()).and(INBOUND_MAIL.STATUS.eq("imported")))
                .orderBy(INBOUND_MAIL.ID.desc())
                .limit(1)
                .fetchOne(INBOUND_MAIL.TICKET_ID);
    }

    @Test
    @Order(1)
    void aMailThroughPostfixAndDovecotBecomesATicketAndTheReplyThreadsInTheCustomersMailbox() throws Exception {
        String theirId = "<Real.Case-ID." + System.nanoTime() + "@Anna.Example>";
        send("anna@shop.test", "Wo ist mein Paket?", "Noch nicht da.", theirId);
        awaitInMaildir(1);
        email.fetchNow(mailbox.id());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("imported") == 1);
        long ticketId = ticketOf(theirId);
        var reply = tickets.reply(
                ticketId,
                ClientScope.everything(),
                new Actor(null, "Agent"),
                "Ist unterwegs.",
                TicketStatus.PENDING,
                List.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.deliveries(List.of(reply.id())).get(reply.id()) != null
                        && mail.deliveries(List.of(reply.id())).get(reply.id()).state() == ReplyDelivery.State.SENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Folder anna = inbox("anna");
            try {
                return anna.getMessageCount() == 1;
            } finally {
                anna.getStore().close();
            }
        });
        Folder anna = inbox("anna");
        try {
            Message answer = anna.getMessage(1);
            assertThat(answer.getHeader("In-Reply-To")[0]).isEqualTo(theirId);
            assertThat(answer.getSubject()).startsWith("Re: Wo ist mein Paket?");
        } finally {
            anna.getStore().close();
        }
    }

    @Test
    @Order(2)
    void aRecipientPostfixRefusesWith550FailsTheReplyAtOnce() throws Exception {
        send("gone@shop.test", "Storno", "Bitte stornieren.", "<gone." + System.nanoTime() + "@shop.test>");
        awaitInMaildir(2);
        email.fetchNow(mailbox.id());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("imported") == 2);
        long ticketId = ticketOf(null);
        var reply = tickets.reply(
                ticketId,
                ClientScope.everything(),
                new Actor(null, "Agent"),
                "Erledigt.",
                TicketStatus.PENDING,
                List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ReplyDelivery d = mail.deliveries(List.of(reply.id())).get(reply.id());
            return d != null && d.state() == ReplyDelivery.State.FAILED;
        });
        ReplyDelivery failed = mail.deliveries(List.of(reply.id())).get(reply.id());
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("550 5.1.1").contains("User unknown in virtual mailbox table");
    }

    /** Waits until Postfix has delivered this many mails into the support maildir (Dovecot need not run). */
    private void awaitInMaildir(int total) {
        java.nio.file.Path box = servers.root.resolve("mail/shop.test/support");
        await().atMost(Duration.ofSeconds(300))
                .until(() -> files(box.resolve("new")) + files(box.resolve("cur")) >= total);
    }

    private static long files(java.nio.file.Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = java.nio.file.Files.list(dir)) {
            return s.count();
        }
    }

    /**
     * Delivers {@code n} customer mails of about {@code bodyBytes} while Dovecot is down (Postfix writes the
     * maildir), then starts it.
     */
    private void deliverWhileImapIsDown(int n, String tag, int bodyBytes) throws Exception {
        int before = db.fetchCount(INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()));
        servers.killDovecot(); // also ends a fetch idling on the mailbox
        String filler = "Ich warte seit einer Woche auf die Lieferung und bitte um Auskunft. ".repeat(bodyBytes / 68);
        for (int i = 0; i < n; i++) {
            send(
                    TestFixtures.unique("c") + "@example.net",
                    "Frage " + tag + " " + i,
                    "Guten Tag, wo bleibt Bestellung " + (100000 + i) + "?\n\n" + filler + "\nViele Grüße",
                    "<" + tag + "." + i + "." + System.nanoTime() + "@example.net>");
        }
        awaitInMaildir(before + n);
        servers.startDovecot();
    }

    private void importRate(int n, int bodyBytes, String tag) throws Exception {
        deliverWhileImapIsDown(n, tag, bodyBytes);
        int before = count("imported");
        long t0 = System.nanoTime();
        email.fetchNow(mailbox.id());
        double fetched = (System.nanoTime() - t0) / 1e9;
        await().atMost(Duration.ofSeconds(900)).until(() -> count("new") == 0 && count("imported") == before + n);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "E-mail import from Dovecot: %d mails of about %d bytes fetched, stored and processed in %.1f s"
                        + " (%.0f mails/s; the fetch call with its in-line processing took %.1f s)%n",
                n, bodyBytes, seconds, n / seconds, fetched);
    }

    @Test
    @Order(3)
    void importRateFromDovecotIsPrinted() throws Exception {
        int n = Integer.getInteger("bench.realMails", 200);
        importRate(n, 200, "small");
        importRate(n * 3 / 4, 20_000, "mid");
    }

    @Test
    @Order(4)
    void dovecotKilledDuringAFetchLosesAndDuplicatesNothing() throws Exception {
        int n = 300;
        deliverWhileImapIsDown(n, "crash", 500);
        int before = db.fetchCount(INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()));
        CompletableFuture<Integer> interrupted = CompletableFuture.supplyAsync(() -> email.fetchNow(mailbox.id()));
        Thread.sleep(300);
        servers.killDovecot();
        int storedBeforeTheKill = interrupted.get();
        servers.startDovecot();
        email.fetchNow(mailbox.id());
        await().atMost(Duration.ofSeconds(300))
                .until(() -> count("new") == 0
                        && db.fetchCount(INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id())) == before + n);
        System.out.printf(
                "E-mail: Dovecot killed during a fetch after %d of %d mails were stored%n", storedBeforeTheKill, n);
        var perTicket = db.select(INBOUND_MAIL.TICKET_ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()).and(INBOUND_MAIL.TICKET_ID.isNotNull()))
                .fetch(INBOUND_MAIL.TICKET_ID);
        assertThat(perTicket).as("one ticket per mail, none twice").doesNotHaveDuplicates();
        assertThat(count("imported")).isEqualTo(before + n);
    }

    @Test
    @Order(5)
    void aKontorNodeThatDiesDuringAFetchIsTakenOverAndTheNextMailIsFetchedWithinAMinute() throws Exception {
        int generation = db.select(MAILBOX.FETCH_GENERATION)
                .from(MAILBOX)
                .where(MAILBOX.ID.eq(mailbox.id()))
                .fetchOne(MAILBOX.FETCH_GENERATION);
        db.execute(
                "insert into platform.scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
                        + " last_heartbeat, version) values ('email-fetch', ?, now(), true, 'a-node-that-died', now(), 1)"
                        + " on conflict do nothing",
                "mailbox-" + mailbox.id() + "-g" + generation);
        // Its heartbeat renewed the lease just before it died: the lease runs for its full length.
        long crashed = System.nanoTime();
        db.update(MAILBOX)
                .set(MAILBOX.FETCH_LEASE_UNTIL, Instant.now().plusSeconds(30))
                .set(MAILBOX.FETCH_LEASE_OWNER, "a-node-that-died")
                .where(MAILBOX.ID.eq(mailbox.id()))
                .execute();
        int stored = db.fetchCount(INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()));
        send(
                "anna@shop.test",
                "Nach dem Absturz",
                "Kommt das an?",
                "<after-crash." + System.nanoTime() + "@a.example>");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> db.fetchCount(INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id())) > stored);
        double seconds = (System.nanoTime() - crashed) / 1e9;
        System.out.printf("E-mail crash recovery (Dovecot): next mail fetched %.1f s after the crash%n", seconds);
        assertThat(seconds).isLessThan(60);
        assertThat(mail.mailbox(mailbox.id()).recoveredAt()).isNotNull();
    }
}
