package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;

import dev.kontor.channels.db.tables.records.InboundMailRecord;
import dev.kontor.channels.email.Mailboxes.Account;
import dev.kontor.channels.email.ParsedMail.Automation;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.customers.CustomerView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.EmailAddress;
import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.IngestResult;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketSettings;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns stored raw mail into ticket messages, one mail per transaction: parse, recognise loops and bounces, thread,
 * resolve the customer, ingest. Whatever fails is quarantined with its reason and stays for an admin to reprocess;
 * it never stops the mails after it.
 */
@Component
class InboundMailProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundMailProcessor.class);

    private final DSLContext db;
    private final InboundMails inbound;
    private final Mailboxes mailboxes;
    private final MailThreads threads;
    private final Outbox outbox;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final CustomerManagement customers;
    private final TicketSettings limits;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MailParser parser = new MailParser();
    private final java.util.concurrent.ExecutorService workers;

    InboundMailProcessor(
            DSLContext db,
            InboundMails inbound,
            Mailboxes mailboxes,
            MailThreads threads,
            Outbox outbox,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            CustomerManagement customers,
            TicketSettings limits,
            TransactionTemplate transactions,
            Clock clock,
            EmailSettings settings) {
        this.db = db;
        this.inbound = inbound;
        this.mailboxes = mailboxes;
        this.threads = threads;
        this.outbox = outbox;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.customers = customers;
        this.limits = limits;
        this.transactions = transactions;
        this.clock = clock;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(settings.processWorkers(), r -> {
            Thread t = new Thread(r, "email-process-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Processes the stored mail of every mailbox that is still new, several mails at a time: mails of one sender
     * go to one worker in the order they arrived (a conversation is never split between two threads, so two mails
     * never open two tickets for it), different senders' mails run side by side. Returns how many were handled.
     */
    int processAll() {
        int done = 0;
        long after = 0;
        List<InboundMails.Pending> batch;
        do {
            batch = inbound.pendingAll(after, 500);
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
            java.util.Map<String, List<Long>> bySender = new java.util.LinkedHashMap<>();
            for (InboundMails.Pending p : batch) {
                bySender.computeIfAbsent(p.sender(), k -> new ArrayList<>()).add(p.id());
            }
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (List<Long> ids : bySender.values()) {
                running.add(workers.submit(() -> ids.forEach(this::process)));
            }
            for (java.util.concurrent.Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return done;
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("Processing inbound mail failed: {}", e.getCause().toString());
                }
            }
            done += batch.size();
        } while (batch.size() == 500);
        return done;
    }

    @jakarta.annotation.PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    /**
     * Processes the mailbox's stored mail that is still new, and waits (up to half a minute) for what the
     * processing task holds at the same moment, so that the caller sees every stored mail handled. Returns how
     * many this call went through.
     */
    int processPending(long mailboxId) {
        int done = 0;
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        long last = -1;
        List<Long> batch;
        while (!(batch = inbound.pending(mailboxId, 100)).isEmpty() && System.nanoTime() - giveUp < 0) {
            if (batch.get(0) <= last) {
                try {
                    Thread.sleep(20); // held by another worker: its commit comes shortly
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return done;
                }
            }
            for (long id : batch) {
                process(id);
                done++;
            }
            last = batch.get(batch.size() - 1);
        }
        return done;
    }

    /** One mail, in its own transaction; a failure quarantines it in another. */
    void process(long inboundId) {
        process(inboundId, false);
    }

    /**
     * As {@link #process(long)}; {@code asCustomer} imports it as a customer's message even when its headers say
     * bulk mail or an automatic reply (an admin's decision from the "not a customer message" list).
     */
    void process(long inboundId, boolean asCustomer) {
        try {
            transactions.executeWithoutResult(tx -> {
                InboundMailRecord mail = db.selectFrom(INBOUND_MAIL)
                        .where(INBOUND_MAIL.ID.eq(inboundId))
                        .forUpdate()
                        .skipLocked()
                        .fetchOne();
                if (mail == null || !mail.getStatus().equals("new")) {
                    return; // another node has it, or it was handled
                }
                mail.setAttempts(mail.getAttempts() + 1);
                Outcome outcome = handle(mail, asCustomer);
                mail.setStatus(outcome.status());
                mail.setReason(outcome.reason());
                mail.setTicketId(outcome.ticketId());
                mail.setMessageId(outcome.messageId());
                mail.setProcessedAt(clock.instant());
                mail.store();
            });
        } catch (RuntimeException e) {
            String reason = e instanceof UnparseableMail || e instanceof InvalidInput
                    ? e.getMessage()
                    : "could not be processed: " + MailServers.describe(e);
            log.warn("Quarantined inbound mail {}: {}", inboundId, reason);
            transactions.executeWithoutResult(tx -> db.update(INBOUND_MAIL)
                    .set(INBOUND_MAIL.STATUS, "quarantined")
                    .set(INBOUND_MAIL.REASON, reason)
                    .set(INBOUND_MAIL.ATTEMPTS, INBOUND_MAIL.ATTEMPTS.plus(1))
                    .set(INBOUND_MAIL.PROCESSED_AT, clock.instant())
                    .where(INBOUND_MAIL.ID.eq(inboundId))
                    .execute());
        }
    }

    private record Outcome(String status, String reason, Long ticketId, Long messageId) {
        static Outcome of(String status, String reason) {
            return new Outcome(status, reason, null, null);
        }
    }

    private Outcome handle(InboundMailRecord mail, boolean asCustomer) {
        Account account = mailboxes.account(mail.getMailboxId());
        if (mail.getOversized()) {
            return Outcome.of(
                    "quarantined",
                    "oversized: " + mail.getSize() + " bytes, over the limit; only the headers were fetched");
        }
        ParsedMail parsed = parser.parse(mail.getRaw());
        if (parsed.bounce() != null) {
            String reason = "bounced: " + nullToEmpty(parsed.bounce().status()) + " "
                    + nullToEmpty(parsed.bounce().diagnostic()).strip();
            boolean matched = parsed.bounce().originalMessageId() != null
                    && outbox.bounced(parsed.bounce().originalMessageId(), reason.strip());
            return Outcome.of("bounce", matched ? reason.strip() : "a bounce for a message we did not send");
        }
        String from = parsed.fromAddress();
        if (from == null) {
            throw new UnparseableMail(
                    parsed.fromHeader() == null
                            ? "the mail has no From header"
                            : "the From header cannot be read as an address: \"" + parsed.fromHeader() + "\"");
        }
        if (!EmailAddress.isValid(from)) {
            throw new UnparseableMail("the sender address \"" + from + "\" is not a valid e-mail address");
        }
        if (mailboxes.ownAddresses().contains(from.toLowerCase(Locale.ROOT))) {
            return Outcome.of("ignored", "sent from one of our own addresses (" + from + "): a mail loop");
        }
        Automation.Kind kind =
                asCustomer ? Automation.Kind.PERSON : parsed.automation().kind();
        if (kind == Automation.Kind.BULK) {
            return Outcome.of(
                    "not_customer", "bulk or list mail (" + parsed.automation().evidence() + ")");
        }
        CustomerView customer = customers.resolve(account.clientId(), "email", from, parsed.fromName());
        Optional<TicketView> thread = thread(account, parsed, customer);
        mail.setAutoSubmitted(parsed.autoSubmitted() && !asCustomer);
        if (kind == Automation.Kind.AUTO_REPLY || (parsed.autoSubmitted() && !asCustomer && thread.isPresent())) {
            // An out-of-office answer: keep the ticket as it is, never answer it, and never open one for it.
            return thread.map(t -> new Outcome("ignored", "automatic reply to ticket #" + t.number(), t.id(), null))
                    .orElseGet(() -> Outcome.of(
                            "not_customer",
                            "an automatic reply that answers no ticket ("
                                    + parsed.automation().evidence() + ")"));
        }
        List<String> notes = new ArrayList<>();
        List<NewAttachment> files = attachments(parsed, notes);
        String text = QuotedReply.visiblePart(parsed.text());
        String html = text.isBlank() ? parsed.html() : null;
        if (!notes.isEmpty()) {
            text = text + "\n\n" + String.join("\n", notes);
        }
        if (text.length() > limits.maxBodyChars()) {
            text = text.substring(0, limits.maxBodyChars() - 200)
                    + "\n\n[The message was longer than " + limits.maxBodyChars()
                    + " characters; the original e-mail has all of it.]";
        }
        IngestResult result = tickets.ingest(new IngestMessage(
                account.clientId(),
                account.storeId(),
                account.channelId(),
                customer.id(),
                parsed.fromName() == null || parsed.fromName().isBlank() ? from : parsed.fromName(),
                parsed.subject().isBlank() ? "(no subject)" : parsed.subject(),
                text.isBlank() && (html == null || html.isBlank()) ? "(empty message)" : text,
                html,
                "mail:" + mail.getDedupeKey(),
                thread.map(TicketView::id).orElse(null),
                mail.getFetchedAt(),
                files,
                List.of(),
                parsed.autoSubmitted()));
        if (parsed.messageId() != null) {
            threads.record(account.clientId(), parsed.messageId(), result.ticketId());
        }
        mail.setReplyAddress(
                parsed.replyTo().isEmpty() ? from : parsed.replyTo().get(0));
        return new Outcome("imported", null, result.ticketId(), result.messageId());
    }

    /**
     * Which ticket a mail continues: first by In-Reply-To/References against Message-IDs we know, then by the
     * signed reply address we sent, then by the "[#1042]" token in the subject, but only when the sender is that ticket's customer: a subject alone never
     * puts a mail on somebody else's ticket.
     */
    private Optional<TicketView> thread(Account account, ParsedMail parsed, CustomerView customer) {
        ClientScope client = ClientScope.of(List.of(account.clientId()));
        List<String> refs = new ArrayList<>(parsed.references());
        if (parsed.inReplyTo() != null) {
            refs.add(parsed.inReplyTo());
        }
        Optional<TicketView> byHeaders =
                threads.ticketOf(account.clientId(), refs).flatMap(id -> ticketQueries.find(id, client));
        if (byHeaders.isPresent()) {
            return byHeaders.filter(t -> t.status() != TicketStatus.CLOSED);
        }
        // A signed reply address is as good as a header: only recipients of our mail know it.
        Optional<TicketView> byAddress = threads.replyAddressTicket(account.fromAddress(), parsed.recipients())
                .flatMap(id -> ticketQueries.find(id, client));
        if (byAddress.isPresent()) {
            return byAddress.filter(t -> t.status() != TicketStatus.CLOSED);
        }
        return MailThreads.subjectToken(parsed.subject())
                .flatMap(number -> ticketQueries.findByNumber(number, client))
                .filter(t -> t.customerId() == customer.id())
                .filter(t -> t.status() != TicketStatus.CLOSED);
    }

    /** Attachments within the ticket limits; the others are named in the text and stay in the original mail. */
    private List<NewAttachment> attachments(ParsedMail parsed, List<String> notes) {
        List<NewAttachment> files = new ArrayList<>();
        for (ParsedAttachment a : parsed.attachments()) {
            if (a.content().length > limits.maxAttachmentBytes()) {
                notes.add("[Attachment \"" + a.filename() + "\" (" + a.content().length / 1024
                        + " KB) is over the limit; the original e-mail has it.]");
            } else if (files.size() >= limits.maxAttachmentsPerMessage()) {
                notes.add("[Attachment \"" + a.filename() + "\" is beyond the " + limits.maxAttachmentsPerMessage()
                        + " attachments a message keeps; the original e-mail has it.]");
            } else {
                files.add(new NewAttachment(a.filename(), a.contentType(), a.content()));
            }
        }
        return files;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
