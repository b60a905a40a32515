package dev.kontor.benchmark;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Imports N messages from a local IMAP server (GreenMail, in this JVM) into a fresh Kontor started from the jar,
 * through the real path: the scheduler's fetch task, raw storage, parsing, customer resolution, tickets. Prints
 * messages per second and the memory of the app and its PostgreSQL. Prints numbers; asserts nothing.
 *
 * <p>Arguments: number of messages, path of the jar, data folder (deleted first).
 */
public final class EmailImportBenchmark {

    private static final String TOKEN = "kt_email_benchmark_admin_token_0000";
    private static final String MAILBOX = "support@bench-shop.test";
    private static final String[][] SAMPLES = {
        {"Wo ist meine Bestellung?", "Hallo, ich warte seit zwei Wochen auf meine Bestellung 100482. Grüße"},
        {"Commande non reçue", "Bonjour, ma commande n° 554433 n'est toujours pas arrivée. Merci"},
        {"Ordine in ritardo", "Buongiorno, il mio ordine 302-1234567-7654321 è in ritardo."},
        {"Please cancel my order", "Hi, please cancel order #100771 before it ships. Thanks"},
        {"Damaged item", "The lamp arrived broken, photo attached."},
        {"Factura", "Hola, necesito la factura del pedido 78-12345-67890."}
    };

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0].replace("_", ""));
        Path jar = Path.of(args[1]);
        Path data = Path.of(args[2]).toAbsolutePath();
        BenchmarkApp.deleteRecursively(data);

        GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        try {
            GreenMailUser user = greenMail.setUser(MAILBOX, MAILBOX, "secret");
            System.out.printf("E-mail import benchmark: %,d messages from a local IMAP server%n", n);
            long t0 = System.nanoTime();
            deliver(user, n);
            System.out.printf("Delivered to the IMAP server in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            try (BenchmarkApp app = BenchmarkApp.start(
                    jar,
                    data,
                    Map.of(
                            "KONTOR_ADMIN_EMAIL", "bench-admin@kontor.local",
                            "KONTOR_ADMIN_PASSWORD", "bench-admin-password",
                            "KONTOR_ADMIN_API_TOKEN", TOKEN),
                    List.of())) {
                app.post("/api/v1/clients", "{\"key\":\"bench-mail\",\"name\":\"Bench Mail GmbH\"}");
                long clientId = app.single("select id from clients.client where key = 'bench-mail'");
                app.post(
                        "/api/v1/stores",
                        "{\"clientId\":" + clientId + ",\"key\":\"bench-mail-shop\",\"name\":\"Shop\"}");
                long storeId = storeId(app);
                int imap = greenMail.getImap().getPort();
                int smtp = greenMail.getSmtp().getPort();
                long start = System.nanoTime();
                app.post("/api/v1/mailboxes", """
                        {"storeId": %d,
                         "imap": {"host": "127.0.0.1", "port": %d, "security": "none", "user": "%s", "password": "secret"},
                         "folder": "INBOX",
                         "smtp": {"host": "127.0.0.1", "port": %d, "security": "none", "user": "%s", "password": "secret"},
                         "fromAddress": "%s", "fromName": "Support", "signature": "", "pollSeconds": 60}
                        """.formatted(storeId, imap, MAILBOX, smtp, MAILBOX, MAILBOX));
                long peakHwm = 0;
                long done;
                do {
                    Thread.sleep(500);
                    done = processed(app);
                    peakHwm = Math.max(peakHwm, app.memory()[1]);
                } while (done < n && app.process.isAlive());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "Imported %,d messages into %,d tickets in %.1f s: %.0f messages per second%n",
                        done, tickets(app), seconds, done / seconds);
                System.out.println(app.memoryLine());
            }
        } finally {
            greenMail.stop();
        }
    }

    /** Multilingual customer mail; every tenth has a 40 kB attachment, every fifth answers an earlier one. */
    private static void deliver(GreenMailUser user, int n) throws Exception {
        Session session = Session.getInstance(new Properties());
        Random random = new Random(7);
        byte[] attachment = new byte[40 * 1024];
        random.nextBytes(attachment);
        for (int i = 0; i < n; i++) {
            String[] sample = SAMPLES[i % SAMPLES.length];
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("customer" + (i % (n / 3 + 1)) + "@example.net", "Customer " + i, "UTF-8"));
            m.setRecipients(Message.RecipientType.TO, MAILBOX);
            m.setSubject(sample[0] + " " + i, "UTF-8");
            if (i % 5 == 4) {
                m.setHeader("In-Reply-To", "<bench-" + (i - 1) + "@example.net>");
            }
            if (i % 10 == 9) {
                MimeMultipart parts = new MimeMultipart();
                MimeBodyPart text = new MimeBodyPart();
                text.setText(sample[1], "UTF-8");
                MimeBodyPart file = new MimeBodyPart();
                file.setContent(attachment, "application/octet-stream");
                file.setFileName("photo-" + i + ".jpg");
                parts.addBodyPart(text);
                parts.addBodyPart(file);
                m.setContent(parts);
            } else {
                m.setText(sample[1] + "\n\nOn Mon, 3 Feb 2025, Shop wrote:\n> earlier text", "UTF-8");
            }
            m.saveChanges();
            m.setHeader("Message-ID", "<bench-" + i + "@example.net>");
            user.deliver(m);
        }
    }

    private static long processed(BenchmarkApp app) throws Exception {
        return app.single("select count(*) from channels.inbound_mail where status <> 'new'");
    }

    private static long tickets(BenchmarkApp app) throws Exception {
        return app.single("select count(*) from tickets.ticket");
    }

    private static long storeId(BenchmarkApp app) throws Exception {
        return app.single("select id from clients.store where key = 'bench-mail-shop'");
    }
}
