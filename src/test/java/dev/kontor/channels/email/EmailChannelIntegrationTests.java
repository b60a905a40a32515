package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;
import static dev.kontor.channels.db.Tables.MAILBOX;
import static dev.kontor.channels.db.Tables.OUTBOUND_MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.channels.MailboxCommands.CreateMailbox;
import dev.kontor.channels.MailboxCommands.MailServer;
import dev.kontor.channels.MailboxManagement;
import dev.kontor.channels.MailboxView;
import dev.kontor.channels.ReplyDelivery;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketDetails;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The e-mail channel against a real IMAP and SMTP server (GreenMail) and the real database. */
@KontorIntegrationTest
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
class EmailChannelIntegrationTests {

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Autowired
    MailboxManagement mail;

    @Autowired
    EmailChannel email;

    @Autowired
    MailFetcher fetcher;

    @Autowired
    InboundMails inbound;

    @Autowired
    InboundMailProcessor processor;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    DSLContext db;

    StoreView store;
    MailboxView mailbox;
    String support;

    @BeforeEach
    void mailbox() {
        store = fixtures.store(fixtures.client());
        support = TestFixtures.unique("support") + "@shop.test";
        greenMail.setUser(support, support, "secret");
        mailbox = mail.create(new CreateMailbox(
                store.id(),
                server(greenMail.getImap().getPort()),
                "INBOX",
                server(greenMail.getSmtp().getPort()),
                support,
                "Shop Support",
                "Your shop team",
                60,
                false));
    }

    private MailServer server(int port) {
        return new MailServer("127.0.0.1", port, "none", support, "secret");
    }

    private void customerWrites(String from, String subject, String body, String inReplyTo) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from, "Anna Becker", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, support);
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", inReplyTo);
        }
        deliverTo(m);
    }

    private void deliverTo(MimeMessage m) throws Exception {
        m.saveChanges();
        greenMail.getUserManager().getUser(support).deliver(m);
    }

    /** Delivers the bytes as they are: no saveChanges(), which would give the mail a new Message-ID. */
    private void deliverRaw(String raw) throws Exception {
        greenMail
                .getUserManager()
                .getUser(support)
                .deliver(new MimeMessage(
                        Session.getInstance(new Properties()),
                        new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private List<Long> ticketsOfMailbox() {
        return db.selectDistinct(INBOUND_MAIL.TICKET_ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()).and(INBOUND_MAIL.TICKET_ID.isNotNull()))
                .fetch(INBOUND_MAIL.TICKET_ID);
    }

    private MimeMessage[] sentTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().contains(address));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toArray(MimeMessage[]::new);
    }

    /** An agent's reply, once the outbox listener has queued it. */
    private dev.kontor.tickets.MessageView replyQueued(long ticketId, String text) {
        var reply = tickets.reply(
                ticketId, ClientScope.everything(), new Actor(null, "Agent"), text, TicketStatus.PENDING, List.of());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.fetchExists(OUTBOUND_MAIL, OUTBOUND_MAIL.MESSAGE_ID.eq(reply.id())));
        return reply;
    }

    /** The scheduler's outbox task may be sending at the same moment; either of us may be the one that sends. */
    private void sendUntil(java.util.concurrent.Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            email.sendDue();
            return done.call();
        });
    }

    @Test
    void imapIdleBringsNewMailInWithinSecondsInsteadOfAtTheNextPoll() throws Exception {
        email.fetchNow(mailbox.id()); // the scheduler's first fetch may be running: wait for the lease, then idle
        var idler = java.util.concurrent.CompletableFuture.supplyAsync(() -> fetcher.fetch(
                mailbox.id(),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                () -> processor.processPending(mailbox.id())));
        await().atMost(Duration.ofSeconds(30)).until(fetcher::idling);

        String customer = TestFixtures.unique("ida") + "@example.net";
        customerWrites(customer, "Sofort da?", "Kommt das gleich an?", null);
        await().atMost(Duration.ofSeconds(8)).until(() -> !ticketsOfMailbox().isEmpty());

        assertThat(idler.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .as("stored by the idling fetch")
                .isEqualTo(1);
    }

    @Test
    void processingRunsApartFromFetchingAndKeepsOneSendersMailsInOrder() throws Exception {
        String same = TestFixtures.unique("quinn") + "@example.net";
        for (int i = 1; i <= 20; i++) {
            customerWrites(TestFixtures.unique("r") + "@example.net", "Frage " + i, "Text " + i, null);
            if (i % 7 == 0) {
                customerWrites(same, "Teil " + i, "Teil " + i, null);
            }
        }
        // Nothing but the scheduler: its fetch task stores, its processing task imports.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> db.fetchCount(
                                INBOUND_MAIL,
                                INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()).and(INBOUND_MAIL.STATUS.eq("imported")))
                        == 22);
        var sameSender = db.select(INBOUND_MAIL.ID, INBOUND_MAIL.MESSAGE_ID, INBOUND_MAIL.PROCESSED_AT)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()).and(INBOUND_MAIL.REPLY_ADDRESS.eq(same)))
                .orderBy(INBOUND_MAIL.ID)
                .fetch();
        assertThat(sameSender).hasSize(2);
        assertThat(sameSender.get(0).value2()).isLessThan(sameSender.get(1).value2());
        assertThat(sameSender.get(0).value3())
                .isBeforeOrEqualTo(sameSender.get(1).value3());
        var agent = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        Long.toString(fixtures.admin().id()))
                .roles("ADMIN");
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/admin/mailboxes/" + mailbox.id())
                        .with(agent))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Waiting to be processed: 0");
    }

    @Test
    void aSignedReplyAddressThreadsTheReplyAndAForgedOneDoesNot() throws Exception {
        mail.update(
                mailbox.id(),
                new dev.kontor.channels.MailboxCommands.UpdateMailbox(
                        server(greenMail.getImap().getPort()),
                        "INBOX",
                        server(greenMail.getSmtp().getPort()),
                        support,
                        "Shop Support",
                        "",
                        60,
                        true,
                        true));
        String customer = TestFixtures.unique("fay") + "@example.net";
        customerWrites(customer, "Gutschein", "Wo bleibt mein Gutschein?", null);
        email.fetchNow(mailbox.id());
        long ticketId = ticketsOfMailbox().get(0);
        var reply = replyQueued(ticketId, "Kommt morgen.");
        sendUntil(() -> sentTo(customer).length > 0);
        String replyTo = ((InternetAddress) sentTo(customer)[0].getReplyTo()[0]).getAddress();
        assertThat(replyTo).startsWith(support.substring(0, support.indexOf('@')) + "+t" + ticketId + ".");

        // The customer's mailer drops every header and the subject token; the address still leads home.
        MimeMessage answer = new MimeMessage(Session.getInstance(new Properties()));
        answer.setFrom(new InternetAddress(customer));
        answer.setRecipients(Message.RecipientType.TO, replyTo);
        answer.setSubject("Gutschein");
        answer.setText("Danke!");
        deliverTo(answer);
        MimeMessage forged = new MimeMessage(Session.getInstance(new Properties()));
        forged.setFrom(new InternetAddress(customer));
        forged.setRecipients(Message.RecipientType.TO, replyTo.replaceAll("\\.[0-9a-f]{12}@", ".000000000000@"));
        forged.setSubject("Gutschein");
        forged.setText("Anderes Thema");
        deliverTo(forged);
        email.fetchNow(mailbox.id());

        assertThat(ticketQueries.details(ticketId, ClientScope.everything()).messages())
                .hasSize(3);
        assertThat(ticketsOfMailbox())
                .as("the forged address opened a ticket of its own")
                .hasSize(2);
    }

    @Test
    void theSchedulerFetchesMailboxesByItself() throws Exception {
        String customer = TestFixtures.unique("eva") + "@example.net";
        customerWrites(customer, "Lieferadresse ändern", "Bitte an die Büroadresse liefern.", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> !ticketsOfMailbox().isEmpty());
        assertThat(ticketQueries
                        .find(ticketsOfMailbox().get(0), ClientScope.everything())
                        .orElseThrow()
                        .subject())
                .isEqualTo("Lieferadresse ändern");
    }

    @Test
    void aCustomerMailBecomesATicketAndTheReplyGoesBackInTheSameThread() throws Exception {
        String customer = TestFixtures.unique("anna") + "@example.net";
        customerWrites(customer, "Wo ist meine Bestellung 100482?", "Hallo, mein Paket ist noch nicht da.", null);

        email.fetchNow(mailbox.id());
        List<Long> ids = ticketsOfMailbox();
        assertThat(ids).hasSize(1);
        long ticketId = ids.get(0);
        TicketDetails ticket = ticketQueries.details(ticketId, ClientScope.everything());
        assertThat(ticket.ticket().subject()).isEqualTo("Wo ist meine Bestellung 100482?");
        assertThat(ticket.ticket().channelId()).isEqualTo(mailbox.channelId());
        assertThat(ticket.messages().get(0).bodyText()).contains("mein Paket ist noch nicht da");

        assertThat(email.fetchNow(mailbox.id()))
                .as("nothing new on the second fetch")
                .isZero();

        tickets.reply(
                ticketId,
                ClientScope.everything(),
                new Actor(null, "Agent"),
                "Ihr Paket ist unterwegs.",
                TicketStatus.PENDING,
                List.of());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.fetchExists(OUTBOUND_MAIL, OUTBOUND_MAIL.TICKET_ID.eq(ticketId)));
        sendUntil(() -> sentTo(customer).length > 0);
        MimeMessage[] answers = sentTo(customer);
        assertThat(answers).hasSize(1);
        MimeMessage answer = answers[0];
        assertThat(answer.getSubject())
                .isEqualTo("Re: Wo ist meine Bestellung 100482? [#"
                        + ticket.ticket().number() + "]");
        assertThat(answer.getHeader("In-Reply-To")[0]).isNotBlank();
        assertThat(GreenMailUtil.getBody(answer))
                .contains("Ihr Paket ist unterwegs.")
                .contains("Your shop team");
        long replyId = ticketQueries.details(ticketId, ClientScope.everything()).messages().stream()
                .filter(m -> m.kind() == MessageKind.OUTBOUND)
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(mail.deliveries(List.of(replyId)).get(replyId).state()).isEqualTo(ReplyDelivery.State.SENT);
        var agent = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        Long.toString(fixtures.admin().id()))
                .roles("ADMIN");
        String page = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/tickets/" + ticketId)
                                .with(agent))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("sent by e-mail").contains("original e-mail");
        long inboundId = db.select(INBOUND_MAIL.ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.TICKET_ID.eq(ticketId))
                .fetchOne(INBOUND_MAIL.ID);
        var original = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/tickets/" + ticketId + "/mail/" + inboundId)
                        .with(agent))
                .andReturn()
                .getResponse();
        assertThat(original.getContentType()).isEqualTo("message/rfc822");
        assertThat(original.getContentAsString()).contains("mein Paket ist noch nicht da");

        // The customer answers our mail: In-Reply-To carries our Message-ID.
        customerWrites(customer, "Re: whatever they typed", "Danke, ist angekommen!", answer.getMessageID());
        email.fetchNow(mailbox.id());
        assertThat(ticketsOfMailbox()).containsExactly(ticketId);
        TicketDetails after = ticketQueries.details(ticketId, ClientScope.everything());
        assertThat(after.messages()).hasSize(3);
        assertThat(after.ticket().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void repliesCarryTheCustomersMessageIdByteForByteAndMatchingIgnoresCase() throws Exception {
        String customer = TestFixtures.unique("ines") + "@example.net";
        String theirId = "CAF=Xy.AbC_" + mailbox.id() + "@Mail.Example.COM";
        deliverRaw("From: " + customer + "\r\nTo: " + support + "\r\nSubject: Rechnung fehlt\r\nMessage-ID: <" + theirId
                + ">\r\n\r\nBitte die Rechnung schicken.\r\n");
        email.fetchNow(mailbox.id());
        long ticketId = ticketsOfMailbox().get(0);
        replyQueued(ticketId, "Kommt sofort.");
        sendUntil(() -> sentTo(customer).length > 0);

        MimeMessage answer = sentTo(customer)[0];
        assertThat(answer.getHeader("In-Reply-To")[0]).isEqualTo("<" + theirId + ">");
        assertThat(answer.getHeader("References")[0]).contains("<" + theirId + ">");

        // A mailer that lower-cases the IDs it quotes still lands on the ticket.
        deliverRaw("From: " + customer + "\r\nTo: " + support + "\r\nSubject: Noch was\r\nIn-Reply-To: <"
                + theirId.toLowerCase(java.util.Locale.ROOT) + ">\r\nMessage-ID: <next-" + mailbox.id()
                + "@mail.example.com>\r\n\r\nUnd der Lieferschein?\r\n");
        email.fetchNow(mailbox.id());
        assertThat(ticketsOfMailbox()).containsExactly(ticketId);
    }

    @Test
    void theSubjectTokenThreadsOnlyTheTicketsOwnCustomer() throws Exception {
        String customer = TestFixtures.unique("bea") + "@example.net";
        customerWrites(customer, "Rücksendung", "Ich möchte zurücksenden.", null);
        email.fetchNow(mailbox.id());
        long ticketId = ticketsOfMailbox().get(0);
        long number = ticketQueries
                .find(ticketId, ClientScope.everything())
                .orElseThrow()
                .number();

        customerWrites(customer, "Re: Rücksendung [#" + number + "]", "Noch eine Frage.", null);
        customerWrites("stranger@example.org", "Re: Rücksendung [#" + number + "]", "Not the same person.", null);
        email.fetchNow(mailbox.id());

        assertThat(ticketQueries.details(ticketId, ClientScope.everything()).messages())
                .hasSize(2);
        assertThat(ticketsOfMailbox())
                .as("the stranger got a ticket of their own")
                .hasSize(2);
    }

    @Test
    void aRestartInTheMiddleOfAFetchLosesAndDuplicatesNothing() throws Exception {
        for (int i = 1; i <= 3; i++) {
            customerWrites(TestFixtures.unique("c") + "@example.net", "Frage " + i, "Text " + i, null);
        }
        // Crash after the raw mail was committed, before any of it was processed.
        fetcher.fetch(mailbox.id(), Duration.ofSeconds(60));
        // Crash before the cursor's commit reached the disk: the next fetch reads the folder from the start.
        db.update(MAILBOX)
                .setNull(MAILBOX.UID_VALIDITY)
                .set(MAILBOX.LAST_UID, 0L)
                .where(MAILBOX.ID.eq(mailbox.id()))
                .execute();
        assertThat(email.fetchNow(mailbox.id())).as("already stored").isZero();

        assertThat(db.fetchCount(INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id())))
                .isEqualTo(3);
        assertThat(ticketsOfMailbox()).hasSize(3);
        // Processing the same stored mail again adds nothing either.
        db.update(INBOUND_MAIL)
                .set(INBOUND_MAIL.STATUS, "new")
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()))
                .execute();
        processor.processPending(mailbox.id());
        for (long ticketId : ticketsOfMailbox()) {
            assertThat(ticketQueries.details(ticketId, ClientScope.everything()).messages())
                    .hasSize(1);
        }
    }

    @Test
    void aFetchWhoseNodeDiedIsTakenOverWithinSecondsAndShownAsRecovered() throws Exception {
        email.fetchNow(mailbox.id());
        int generation = db.select(MAILBOX.FETCH_GENERATION)
                .from(MAILBOX)
                .where(MAILBOX.ID.eq(mailbox.id()))
                .fetchOne(MAILBOX.FETCH_GENERATION);
        // A node took the lease and the scheduler's execution for this mailbox, then died: its heartbeat stopped.
        db.execute(
                "insert into platform.scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
                        + " last_heartbeat, version) values ('email-fetch', ?, now(), true, 'a-node-that-died', now(), 1)"
                        + " on conflict do nothing",
                "mailbox-" + mailbox.id() + "-g" + generation);
        long crashed = System.nanoTime();
        db.update(MAILBOX)
                .set(MAILBOX.FETCH_LEASE_UNTIL, java.time.Instant.now().minusSeconds(1))
                .set(MAILBOX.FETCH_LEASE_OWNER, "a-node-that-died")
                .where(MAILBOX.ID.eq(mailbox.id()))
                .execute();
        customerWrites(TestFixtures.unique("olga") + "@example.net", "Nach dem Absturz", "Kommt das an?", null);

        await().atMost(Duration.ofSeconds(40)).until(() -> !ticketsOfMailbox().isEmpty());
        System.out.printf(
                "E-mail crash recovery (GreenMail): next mail fetched %.1f s after the crash%n",
                (System.nanoTime() - crashed) / 1e9);
        MailboxView after = mail.mailbox(mailbox.id());
        assertThat(after.recoveredAt()).as("taken over, not waited out").isNotNull();
        var agent = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        Long.toString(fixtures.admin().id()))
                .roles("ADMIN");
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/admin/mailboxes/" + mailbox.id())
                        .with(agent))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("A stopped fetch was taken over");
    }

    @Test
    void storedMailLeftUnreadOnTheServerIsFlaggedSeenOnTheNextFetch() throws Exception {
        customerWrites(TestFixtures.unique("pia") + "@example.net", "Eins", "Erste.", null);
        customerWrites(TestFixtures.unique("pia") + "@example.net", "Zwei", "Zweite.", null);
        email.fetchNow(mailbox.id());
        // A crash between the commit that stored them and the flags on the server.
        try (jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), support, "secret");
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_WRITE);
            inbox.setFlags(inbox.getMessages(), new jakarta.mail.Flags(jakarta.mail.Flags.Flag.SEEN), false);
            assertThat(inbox.getUnreadMessageCount()).isEqualTo(2);
            inbox.close(false);
        }
        email.fetchNow(mailbox.id());
        try (jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), support, "secret");
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            assertThat(inbox.getUnreadMessageCount()).isZero();
            inbox.close(false);
        }
        assertThat(ticketsOfMailbox()).hasSize(2);
    }

    @Test
    void importedMailMovesToTheChosenFolderAndStoredMailStillInTheInboxFollowsOnTheNextFetch() throws Exception {
        customerWrites(TestFixtures.unique("ole") + "@example.net", "Eins", "Erste.", null);
        customerWrites(TestFixtures.unique("ole") + "@example.net", "Zwei", "Zweite.", null);
        email.fetchNow(mailbox.id());
        assertThat(count("INBOX")).isEqualTo(2);

        // Moving switched on now: the two stored mails are in the inbox as after a crash between commit and move.
        mail.update(
                mailbox.id(),
                new dev.kontor.channels.MailboxCommands.UpdateMailbox(
                        server(greenMail.getImap().getPort()),
                        "INBOX",
                        server(greenMail.getSmtp().getPort()),
                        support,
                        "Shop Support",
                        "",
                        60,
                        false,
                        true,
                        " Imported "));
        assertThat(mail.mailbox(mailbox.id()).moveToFolder()).isEqualTo("Imported");
        customerWrites(TestFixtures.unique("ole") + "@example.net", "Drei", "Dritte.", null);
        email.fetchNow(mailbox.id());

        assertThat(ticketsOfMailbox()).as("each mail imported once").hasSize(3);
        assertThat(count("INBOX")).isZero();
        assertThat(count("Imported")).isEqualTo(3);
    }

    private int count(String folderName) throws Exception {
        try (jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), support, "secret");
            jakarta.mail.Folder folder = store.getFolder(folderName);
            folder.open(jakarta.mail.Folder.READ_ONLY);
            try {
                return folder.getMessageCount();
            } finally {
                folder.close(false);
            }
        }
    }

    @Test
    void aReplyWrittenWhileSmtpIsDownIsSentOnceWhenItIsBack() throws Exception {
        String customer = TestFixtures.unique("carla") + "@example.net";
        customerWrites(customer, "Rechnung", "Bitte eine Rechnung.", null);
        email.fetchNow(mailbox.id());
        long ticketId = ticketsOfMailbox().get(0);
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        db.update(MAILBOX)
                .set(MAILBOX.SMTP_PORT, closedPort)
                .where(MAILBOX.ID.eq(mailbox.id()))
                .execute();

        var reply = replyQueued(ticketId, "Anbei.");
        sendUntil(() -> mail.deliveries(List.of(reply.id())).get(reply.id()).attempts() > 0);
        ReplyDelivery waiting = mail.deliveries(List.of(reply.id())).get(reply.id());
        assertThat(waiting.state()).isEqualTo(ReplyDelivery.State.QUEUED);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).isNotBlank();
        assertThat(waiting.nextAttemptAt()).isAfter(java.time.Instant.now());
        email.sendDue();
        assertThat(mail.deliveries(List.of(reply.id())).get(reply.id()).attempts())
                .as("not retried before its time")
                .isEqualTo(1);

        db.update(MAILBOX)
                .set(MAILBOX.SMTP_PORT, greenMail.getSmtp().getPort())
                .where(MAILBOX.ID.eq(mailbox.id()))
                .execute();
        db.update(OUTBOUND_MAIL)
                .set(OUTBOUND_MAIL.NEXT_ATTEMPT_AT, java.time.Instant.now())
                .where(OUTBOUND_MAIL.MESSAGE_ID.eq(reply.id()))
                .execute();
        sendUntil(() -> mail.deliveries(List.of(reply.id())).get(reply.id()).state() == ReplyDelivery.State.SENT);
        email.sendDue();
        assertThat(sentTo(customer)).hasSize(1);
        assertThat(mail.deliveries(List.of(reply.id())).get(reply.id()).state()).isEqualTo(ReplyDelivery.State.SENT);
    }

    /** The mailbox sends through the scripted server, as a relay without authentication (no SMTP user). */
    private void sendThrough(ScriptedSmtpServer smtp) {
        mail.update(
                mailbox.id(),
                new dev.kontor.channels.MailboxCommands.UpdateMailbox(
                        server(greenMail.getImap().getPort()),
                        "INBOX",
                        new MailServer("127.0.0.1", smtp.port(), "none", "", ""),
                        support,
                        "Shop Support",
                        "",
                        60,
                        false,
                        true));
    }

    @Test
    void refusedRecipientFailsAtOnceWithTheServersWords() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerRcpt("550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown");
            sendThrough(smtp);
            customerWrites(TestFixtures.unique("jo") + "@example.net", "Storno", "Bitte stornieren.", null);
            email.fetchNow(mailbox.id());
            long ticketId = ticketsOfMailbox().get(0);
            var reply = replyQueued(ticketId, "Ist storniert.");
            sendUntil(() -> mail.deliveries(List.of(reply.id())).get(reply.id()).state() != ReplyDelivery.State.QUEUED);

            ReplyDelivery failed = mail.deliveries(List.of(reply.id())).get(reply.id());
            assertThat(failed.state()).isEqualTo(ReplyDelivery.State.FAILED);
            assertThat(failed.permanent()).isTrue();
            assertThat(failed.attempts()).as("not retried").isEqualTo(1);
            assertThat(failed.lastError()).contains("550 5.1.1").contains("User unknown");
            assertThat(smtp.commands())
                    .as("greets with the sender's domain, never logs in")
                    .contains("EHLO shop.test")
                    .noneMatch(c -> c.startsWith("AUTH"));
            var agent = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                            Long.toString(fixtures.admin().id()))
                    .roles("ADMIN");
            String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                    "/tickets/" + ticketId)
                            .with(agent))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).contains("refused for good by the mail server").contains("User unknown");
        }
    }

    @Test
    void temporaryRefusalIsRetriedWithBackoffAndThenSent() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerRcpt("451 4.7.1 Greylisted, try again later");
            sendThrough(smtp);
            customerWrites(TestFixtures.unique("kim") + "@example.net", "Frage", "Noch eine Frage.", null);
            email.fetchNow(mailbox.id());
            long ticketId = ticketsOfMailbox().get(0);
            var reply = replyQueued(ticketId, "Antwort.");
            sendUntil(() -> mail.deliveries(List.of(reply.id())).get(reply.id()).attempts() > 0);

            ReplyDelivery waiting = mail.deliveries(List.of(reply.id())).get(reply.id());
            assertThat(waiting.state()).isEqualTo(ReplyDelivery.State.QUEUED);
            assertThat(waiting.permanent()).isFalse();
            assertThat(waiting.retrying()).isTrue();
            assertThat(waiting.lastError()).contains("451 4.7.1 Greylisted");
            assertThat(waiting.nextAttemptAt()).isAfter(java.time.Instant.now());

            smtp.answerRcpt("250 2.1.5 Ok");
            db.update(OUTBOUND_MAIL)
                    .set(OUTBOUND_MAIL.NEXT_ATTEMPT_AT, java.time.Instant.now())
                    .where(OUTBOUND_MAIL.MESSAGE_ID.eq(reply.id()))
                    .execute();
            sendUntil(() -> mail.deliveries(List.of(reply.id())).get(reply.id()).state() == ReplyDelivery.State.SENT);
            assertThat(smtp.accepted()).isEqualTo(1);
        }
    }

    @Test
    void autoRepliesOwnMailAndBouncesNeverOpenTickets() throws Exception {
        String customer = TestFixtures.unique("dora") + "@example.net";
        customerWrites(customer, "Umtausch", "Größe passt nicht.", null);
        email.fetchNow(mailbox.id());
        long ticketId = ticketsOfMailbox().get(0);
        var reply = replyQueued(ticketId, "Gerne.");
        sendUntil(() -> sentTo(customer).length > 0);
        String ourId = sentTo(customer)[0].getMessageID();

        deliverRaw(
                "From: " + customer + "\r\nTo: " + support + "\r\nSubject: Abwesend\r\nAuto-Submitted: auto-replied\r\n"
                        + "In-Reply-To: " + ourId + "\r\nMessage-ID: <ooo-" + ticketId + "@example.net>\r\n\r\n"
                        + "Ich bin bis Montag nicht im Büro.\r\n");
        deliverRaw("From: Shop Support <" + support + ">\r\nTo: " + support + "\r\nSubject: loop\r\n"
                + "Message-ID: <loop-" + ticketId + "@shop.test>\r\n\r\nOur own mail.\r\n");
        deliverRaw("From: MAILER-DAEMON@mx.example.net\r\nTo: " + support + "\r\nSubject: Undelivered Mail\r\n"
                + "Message-ID: <bounce-" + ticketId + "@mx.example.net>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nYour mail could not be delivered.\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
                + "Final-Recipient: rfc822; " + customer + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
                + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: " + ourId + "\r\nSubject: Re\r\n"
                + "--b--\r\n");
        email.fetchNow(mailbox.id());

        assertThat(ticketsOfMailbox()).containsExactly(ticketId);
        assertThat(ticketQueries
                        .find(ticketId, ClientScope.everything())
                        .orElseThrow()
                        .status())
                .as("the out-of-office reply did not reopen the ticket")
                .isEqualTo(TicketStatus.PENDING);
        assertThat(db.select(INBOUND_MAIL.STATUS)
                        .from(INBOUND_MAIL)
                        .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()))
                        .orderBy(INBOUND_MAIL.ID)
                        .fetch(INBOUND_MAIL.STATUS))
                .containsExactly("imported", "ignored", "ignored", "bounce");
        ReplyDelivery bounced = mail.deliveries(List.of(reply.id())).get(reply.id());
        assertThat(bounced.state()).isEqualTo(ReplyDelivery.State.FAILED);
        assertThat(bounced.lastError()).contains("5.1.1");
    }

    @Test
    void autoRepliesNeverOpenTicketsAndBulkMailIsKeptOutOfTheInbox() throws Exception {
        String customer = TestFixtures.unique("lea") + "@example.net";
        customerWrites(customer, "Umtausch", "Passt nicht.", null);
        email.fetchNow(mailbox.id());
        long ticketId = ticketsOfMailbox().get(0);
        replyQueued(ticketId, "Gerne.");
        sendUntil(() -> sentTo(customer).length > 0);
        String ourId = sentTo(customer)[0].getMessageID();

        String other = TestFixtures.unique("max") + "@example.net";
        deliverRaw("From: " + other + "\r\nTo: " + support + "\r\nSubject: Automatische Antwort: Angebot\r\n"
                + "X-Autoreply: yes\r\nMessage-ID: <oof-" + mailbox.id()
                + "@example.net>\r\n\r\nIch bin im Urlaub.\r\n");
        deliverRaw("From: news@deals.example\r\nTo: " + support + "\r\nSubject: 50% auf alles\r\nPrecedence: junk\r\n"
                + "Message-ID: <junk-" + mailbox.id() + "@deals.example>\r\n\r\nNur heute.\r\n");
        deliverRaw("From: MAILER-DAEMON@mx.example.net\r\nTo: " + support + "\r\nSubject: failure notice\r\n"
                + "Message-ID: <qmail-" + mailbox.id() + "@mx.example.net>\r\n\r\n"
                + "Hi. This is the qmail-send program at mx.example.net.\r\n<" + customer + ">:\r\n"
                + "Remote host said: 550 5.1.1 mailbox unavailable\r\n\r\n"
                + "--- Below this line is a copy of the message.\r\n\r\nMessage-ID: " + ourId + "\r\n\r\nGerne.\r\n");
        email.fetchNow(mailbox.id());

        assertThat(ticketsOfMailbox()).containsExactly(ticketId);
        assertThat(db.select(INBOUND_MAIL.STATUS)
                        .from(INBOUND_MAIL)
                        .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()))
                        .orderBy(INBOUND_MAIL.ID)
                        .fetch(INBOUND_MAIL.STATUS))
                .containsExactly("imported", "not_customer", "not_customer", "bounce");
        var kept = mail.notCustomer(100).stream()
                .filter(q -> q.mailboxId() == mailbox.id())
                .toList();
        assertThat(kept)
                .extracting(q -> q.reason())
                .anySatisfy(r -> assertThat(r).contains("automatic reply").contains("X-Autoreply"))
                .anySatisfy(r -> assertThat(r).contains("Precedence: junk"));
        ReplyDelivery bounced = mail.deliveries(List.of(sentReplyId(ticketId))).get(sentReplyId(ticketId));
        assertThat(bounced.state()).isEqualTo(ReplyDelivery.State.FAILED);
        assertThat(bounced.lastError()).contains("5.1.1");

        long junk = kept.stream()
                .filter(q -> q.reason().contains("junk"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(mail.importAsCustomer(junk))
                .as("an admin opens it as a ticket after all")
                .isEqualTo("imported");
        assertThat(ticketsOfMailbox()).hasSize(2);
    }

    private long sentReplyId(long ticketId) {
        return ticketQueries.details(ticketId, ClientScope.everything()).messages().stream()
                .filter(m -> m.kind() == MessageKind.OUTBOUND)
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void quarantineSaysWhetherTheFromHeaderIsMissingOrUnreadable() {
        inbound.store(
                mailbox.id(),
                3L,
                List.of(
                        new InboundMails.Fetched(
                                1, "sha256:nofrom-" + mailbox.id(), "Subject: x\r\n\r\nText\r\n".getBytes(), 20, false),
                        new InboundMails.Fetched(
                                2,
                                "sha256:badfrom-" + mailbox.id(),
                                "From: \"Nur ein Name\"\r\nSubject: y\r\n\r\nText\r\n".getBytes(),
                                40,
                                false)));
        processor.processPending(mailbox.id());
        var reasons = db.select(INBOUND_MAIL.REASON)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()))
                .orderBy(INBOUND_MAIL.UID)
                .fetch(INBOUND_MAIL.REASON);
        assertThat(reasons.get(0)).isEqualTo("the mail has no From header");
        assertThat(reasons.get(1)).contains("cannot be read as an address").contains("Nur ein Name");
    }

    @Test
    void aNewTicketFromAnAutoresponderIsMarkedSoNoAutomaticAnswerGoesBack() throws Exception {
        deliverRaw("From: noreply@marketplace.example\r\nTo: " + support + "\r\nSubject: Your listing report\r\n"
                + "Auto-Submitted: auto-generated\r\nMessage-ID: <report-" + mailbox.id()
                + "@marketplace.example>\r\n\r\n"
                + "12 listings were updated.\r\n");
        customerWrites(TestFixtures.unique("gus") + "@example.net", "Frage", "Eine echte Frage.", null);
        email.fetchNow(mailbox.id());

        var messages = db.select(INBOUND_MAIL.MESSAGE_ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()))
                .orderBy(INBOUND_MAIL.ID)
                .fetch(INBOUND_MAIL.MESSAGE_ID);
        assertThat(messages).hasSize(2).doesNotContainNull();
        assertThat(mail.automatic(messages.get(0))).isTrue();
        assertThat(mail.automatic(messages.get(1))).isFalse();
    }

    @Test
    void aMailThatCannotBeReadIsQuarantinedWithItsReasonAndCanBeProcessedAgain() {
        inbound.store(
                mailbox.id(),
                1L,
                List.of(new InboundMails.Fetched(
                        999_999, "sha256:broken-" + mailbox.id(), "no headers here at all".getBytes(), 22, false)));
        processor.processPending(mailbox.id());

        var quarantined = mail.quarantine(100).stream()
                .filter(q -> q.mailboxId() == mailbox.id())
                .toList();
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).reason()).contains("header");
        assertThat(mail.reprocess(quarantined.get(0).id())).isEqualTo("quarantined");
        assertThat(mail.original(quarantined.get(0).id()).raw()).isEqualTo("no headers here at all".getBytes());
    }

    @Test
    void everyCorpusMessageIsATicketMessageAQuarantineEntryOrACountedCopyWithItsReason() {
        List<java.nio.file.Path> files = EmailCorpus.messages();
        assertThat(files).hasSize(136);
        long uid = 1;
        for (java.nio.file.Path file : files) {
            byte[] raw = EmailCorpus.read(file);
            inbound.store(
                    mailbox.id(),
                    7L,
                    List.of(new InboundMails.Fetched(uid++, MailFetcher.dedupeKey(raw), raw, raw.length, false)));
        }
        // The scheduler may be processing some of them at the same time: wait until none is left.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            processor.processPending(mailbox.id());
            return !db.fetchExists(
                    INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()).and(INBOUND_MAIL.STATUS.eq("new")));
        });

        var outcomes = db.select(INBOUND_MAIL.STATUS, INBOUND_MAIL.REASON, INBOUND_MAIL.TICKET_ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()))
                .fetch();
        for (var o : outcomes) {
            assertThat(o.value1()).isIn("imported", "quarantined", "ignored", "bounce", "not_customer");
            if (!o.value1().equals("imported")) {
                assertThat(o.value2()).as("a readable reason").isNotBlank();
            } else {
                assertThat(o.value3()).isNotNull();
            }
        }
        var counts = outcomes.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        r -> r.value1(), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        java.util.Map<String, Integer> skipped = mail.skipped(mailbox.id());
        int skippedCount = skipped.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("E-mail corpus through the channel: " + counts + ", skipped " + skipped);
        assertThat(outcomes.size() + skippedCount)
                .as("every file is accounted for: stored with an outcome, or skipped with its reason")
                .isEqualTo(files.size());
        long distinct = files.stream()
                .map(f -> MailFetcher.sha256(EmailCorpus.read(f)))
                .distinct()
                .count();
        assertThat(skippedCount).as("only byte-identical files are skipped").isEqualTo(files.size() - (int) distinct);
        assertThat(counts.getOrDefault("imported", 0L)).isGreaterThan(files.size() / 2);
    }

    @Test
    void aReusedMessageIdWithOtherContentIsANewMessageAndOnlyAnIdenticalCopyIsSkippedAndCounted() throws Exception {
        String customer = TestFixtures.unique("hal") + "@example.net";
        String id = "<Reused.ID-" + mailbox.id() + "@Generator.example>";
        String first = "From: " + customer + "\r\nTo: " + support + "\r\nSubject: Erste Frage\r\nMessage-ID: " + id
                + "\r\n\r\nWo ist Paket 1?\r\n";
        String second = "From: " + customer + "\r\nTo: " + support + "\r\nSubject: Zweite Frage\r\nMessage-ID: " + id
                + "\r\n\r\nWo ist Paket 2?\r\n";
        deliverRaw(first);
        deliverRaw(second);
        deliverRaw(first); // the same bytes again: a resend
        email.fetchNow(mailbox.id());

        var stored = db.select(INBOUND_MAIL.STATUS, INBOUND_MAIL.MESSAGE_ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailbox.id()))
                .orderBy(INBOUND_MAIL.ID)
                .fetch();
        assertThat(stored).hasSize(2);
        assertThat(stored.getValues(INBOUND_MAIL.STATUS)).containsOnly("imported");
        assertThat(stored.getValues(INBOUND_MAIL.MESSAGE_ID))
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        assertThat(mail.skipped(mailbox.id())).containsEntry("identical", 1);
        var agent = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        Long.toString(fixtures.admin().id()))
                .roles("ADMIN");
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/admin/mailboxes/" + mailbox.id())
                        .with(agent))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Skipped: 1 byte-identical");
    }

    @Test
    void testConnectionReportsTheServersExactError() throws Exception {
        assertThat(mail.check(mailbox.id()).ok()).isTrue();
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        db.update(MAILBOX)
                .set(MAILBOX.IMAP_PORT, closedPort)
                .where(MAILBOX.ID.eq(mailbox.id()))
                .execute();
        var check = mail.check(mailbox.id());
        assertThat(check.imapError()).contains("Connection refused");
        assertThat(check.smtpError()).isNull();
    }
}
