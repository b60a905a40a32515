package dev.kontor.channels.email;

import dev.kontor.channels.MailboxCommands.MailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.Properties;
import org.springframework.stereotype.Component;

/** Opens IMAP stores and SMTP transports for a mailbox, always with timeouts so a dead server cannot hang a thread. */
@Component
class MailServers {

    private final EmailSettings settings;

    MailServers(EmailSettings settings) {
        this.settings = settings;
    }

    Store openImap(MailServer imap) throws MessagingException {
        String protocol = imap.security().equals("ssl") ? "imaps" : "imap";
        Properties p = common(protocol, imap);
        // Reading a message must not mark it \Seen: that happens only after the commit that stores it.
        p.put("mail." + protocol + ".peek", "true");
        Session session = Session.getInstance(p);
        Store store = session.getStore(protocol);
        store.connect(imap.host(), imap.port(), imap.user(), imap.password());
        return store;
    }

    /**
     * An SMTP session greeting with the setting's name or the sender's domain (never "localhost", which strict
     * servers refuse), and authenticating only when the mailbox has an SMTP user.
     */
    Session smtpSession(MailServer smtp, String fromAddress) {
        String protocol = smtp.security().equals("ssl") ? "smtps" : "smtp";
        Properties p = common(protocol, smtp);
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".auth", Boolean.toString(authenticates(smtp)));
        p.put("mail." + protocol + ".localhost", ehloName(fromAddress));
        return Session.getInstance(p);
    }

    String ehloName(String fromAddress) {
        if (settings.ehloName() != null && !settings.ehloName().isBlank()) {
            return settings.ehloName().strip();
        }
        return fromAddress.substring(fromAddress.indexOf('@') + 1);
    }

    private static boolean authenticates(MailServer smtp) {
        return smtp.user() != null && !smtp.user().isBlank() && smtp.password() != null;
    }

    Transport openSmtp(Session session, MailServer smtp) throws MessagingException {
        Transport transport = session.getTransport(smtp.security().equals("ssl") ? "smtps" : "smtp");
        if (authenticates(smtp)) {
            transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
        } else {
            transport.connect(smtp.host(), smtp.port(), null, null);
        }
        return transport;
    }

    private Properties common(String protocol, MailServer server) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", server.host());
        p.put(prefix + "port", Integer.toString(server.port()));
        p.put(
                prefix + "connectiontimeout",
                Long.toString(settings.connectTimeout().toMillis()));
        p.put(prefix + "timeout", Long.toString(settings.readTimeout().toMillis()));
        p.put(prefix + "writetimeout", Long.toString(settings.readTimeout().toMillis()));
        if (server.security().equals("starttls")) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (server.security().equals("ssl")) {
            p.put(prefix + "ssl.enable", "true");
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        // Whole messages in one go; partial fetches of large bodies multiply round trips.
        p.put(prefix + "partialfetch", "false");
        return p;
    }

    /** "What went wrong" for an admin: the exception chain's messages, without stack traces. */
    static String describe(Exception e) {
        StringBuilder b = new StringBuilder();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth++ < 4) {
            String m = t.getMessage();
            String line = t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip());
            if (b.indexOf(line) < 0) {
                if (b.length() > 0) {
                    b.append(" ← ");
                }
                b.append(line);
            }
            t = t.getCause();
        }
        return b.length() > 1000 ? b.substring(0, 1000) : b.toString();
    }
}
