package dev.kontor.channels.email;

import dev.kontor.channels.email.ParsedMail.Automation;
import dev.kontor.channels.email.ParsedMail.Bounce;
import dev.kontor.shared.Text;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads raw e-mail leniently: real mail breaks every rule (bad boundaries, 8-bit headers, unknown charsets, broken
 * base64), and a helpdesk must still get the sender, the subject, some text and the files out of it. Each failure
 * of a part is noted in {@code problems} and the other parts go on; only a message with nothing readable at all
 * throws {@link UnparseableMail}. Walks are bounded in depth and parts, so no input can make it loop or explode.
 */
public final class MailParser {

    private static final int MAX_DEPTH = 20;
    private static final int MAX_PARTS = 500;
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern ORIGINAL_MESSAGE_ID = Pattern.compile("(?im)^message-id:\\s*<?([^<>\\s]+)>?");
    private static final Pattern DSN_STATUS = Pattern.compile("(?im)^status:\\s*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern DSN_DIAGNOSTIC = Pattern.compile("(?im)^diagnostic-code:\\s*(.+(?:\\R[ \\t].+)*)");
    /** Names mail software writes that Java does not know, mapped to what they mean in practice. */
    private static final Map<String, String> CHARSET_ALIASES = Map.of(
            "utf8", "UTF-8",
            "unicode-1-1-utf-7", "UTF-8",
            "iso-8859-8-i", "ISO-8859-8",
            "gb2312", "GBK",
            "ks_c_5601-1987", "EUC-KR",
            "x-sjis", "Shift_JIS",
            "ansi_x3.4-1968", "US-ASCII",
            "latin1", "ISO-8859-1",
            "cp1252", "windows-1252");

    private final Session session;

    public MailParser() {
        Properties p = new Properties();
        p.put("mail.mime.address.strict", "false");
        p.put("mail.mime.decodetext.strict", "false");
        p.put("mail.mime.decodefilename", "true");
        p.put("mail.mime.decodeparameters", "true");
        p.put("mail.mime.parameters.strict", "false");
        p.put("mail.mime.base64.ignoreerrors", "true");
        p.put("mail.mime.uudecode.ignoreerrors", "true");
        p.put("mail.mime.uudecode.ignoremissingbeginend", "true");
        p.put("mail.mime.multipart.ignoremissingendboundary", "true");
        p.put("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        p.put("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        p.put("mail.mime.multipart.allowempty", "true");
        // Headers are read byte for byte (as ISO-8859-1); text() then tells raw UTF-8 from legacy 8-bit bytes.
        p.put("mail.mime.allowutf8", "false");
        this.session = Session.getInstance(p);
    }

    public ParsedMail parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new UnparseableMail("the message is empty");
        }
        raw = endHeadersAtWhitespaceLine(raw);
        int headerEnd = headerEnd(raw);
        if (headerEnd <= 0
                || !new String(raw, 0, Math.min(headerEnd, 2000), StandardCharsets.ISO_8859_1).contains(":")) {
            throw new UnparseableMail("the message has no header block");
        }
        MimeMessage message;
        try {
            message = new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException | RuntimeException e) {
            // Angus Mail throws IndexOutOfBounds on a folded line before any header, for one.
            throw new UnparseableMail("the headers cannot be read: " + e.getMessage());
        }
        Walk walk = new Walk();
        String messageId = firstId(header(message, "Message-ID", walk));
        String inReplyTo = firstId(header(message, "In-Reply-To", walk));
        List<String> references = ids(header(message, "References", walk));
        String[] from = from(message, walk);
        List<String> replyTo = addresses(header(message, "Reply-To", walk));
        Set<String> recipients = new LinkedHashSet<>();
        for (String h : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
            recipients.addAll(addresses(allHeaders(message, h)));
        }
        String subject = text(header(message, "Subject", walk), walk);
        Instant sentAt = sentAt(message, walk);

        walk.part(message, 0, false);
        if (walk.text.length() == 0 && walk.html == null && walk.files.isEmpty()) {
            // Nothing came out of the MIME structure: show the body as it is rather than nothing.
            String body = decodeLenient(raw, headerEnd, raw.length, "windows-1252", walk)
                    .strip();
            if (!body.isEmpty()) {
                walk.problems.add("the MIME structure could not be read; showing the raw body");
                walk.text.append(body);
            }
        }
        String text = walk.text.length() > 0 ? walk.text.toString().strip() : htmlToText(walk.html);
        if (walk.bounce == null) {
            walk.bounce = informalBounce(from[0], subject, text, walk.files);
        }
        Automation automation = automation(message, from[0], subject, walk);
        boolean auto = automation.kind() != Automation.Kind.PERSON || walk.bounce != null;
        if (from[0] == null && subject.isBlank() && text.isBlank() && walk.files.isEmpty()) {
            throw new UnparseableMail("neither a sender, a subject, a body nor an attachment could be read"
                    + (walk.problems.isEmpty() ? "" : " (" + String.join("; ", walk.problems) + ")"));
        }
        return new ParsedMail(
                messageId,
                inReplyTo,
                references,
                from[0],
                from[1],
                replyTo,
                List.copyOf(recipients),
                subject.strip(),
                sentAt,
                text,
                walk.html,
                List.copyOf(walk.files),
                auto,
                walk.bounce,
                List.copyOf(walk.problems),
                from[2],
                automation);
    }

    /**
     * Some mailers end the header block with a line that holds only spaces; read strictly, that line continues the
     * last header and the whole body becomes headers. A whitespace-only line inside the header block ends it here.
     */
    static byte[] endHeadersAtWhitespaceLine(byte[] raw) {
        int start = 0;
        while (start < raw.length) {
            int end = start;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && raw[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd == start) {
                return raw; // a truly empty line: the headers end as they should
            }
            boolean blank = true;
            for (int i = start; i < contentEnd; i++) {
                if (raw[i] != ' ' && raw[i] != '\t') {
                    blank = false;
                    break;
                }
            }
            if (blank) {
                byte[] fixed = new byte[raw.length - (contentEnd - start)];
                System.arraycopy(raw, 0, fixed, 0, start);
                System.arraycopy(raw, contentEnd, fixed, start, raw.length - contentEnd);
                return fixed;
            }
            start = end + 1;
        }
        return raw;
    }

    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)(mailer-daemon|mail-daemon|postmaster)@.*");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)^\\s*(undeliver(ed|able)|delivery (status notification|failure|has failed)|mail delivery"
                    + " (failed|failure|system)|returned mail|failure notice|non[- ]?delivery|unzustellbar|nicht"
                    + " zustellbar|non remis|non recapitabile|message not delivered)");
    private static final Pattern ANY_STATUS = Pattern.compile("\\b([45]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern SMTP_REPLY_LINE = Pattern.compile("(?m)^.*\\b[45]\\d\\d[ -][^\\n]*$");

    /**
     * Bounces that are not RFC 3464 reports (qmail's "failure notice", Exchange's and older MTAs' plain text with
     * the original attached or quoted): from a mailer daemon, or with a bounce subject and the returned message's
     * ID or a status code in it (so a customer writing "Undelivered parcel" is not one).
     */
    private static Bounce informalBounce(String from, String subject, String text, List<ParsedAttachment> files) {
        boolean daemon = from != null && BOUNCE_SENDER.matcher(from).matches();
        boolean bounceSubject =
                subject != null && BOUNCE_SUBJECT.matcher(subject).find();
        if (!daemon && !bounceSubject) {
            return null;
        }
        StringBuilder returned = new StringBuilder(text == null ? "" : text);
        for (ParsedAttachment a : files) {
            if (a.contentType().startsWith("message/") || a.contentType().equals("text/rfc822-headers")) {
                returned.append('\n').append(new String(a.content(), StandardCharsets.ISO_8859_1));
            }
        }
        Matcher id = ORIGINAL_MESSAGE_ID.matcher(returned);
        Matcher status = ANY_STATUS.matcher(text == null ? "" : text);
        Matcher reply = SMTP_REPLY_LINE.matcher(text == null ? "" : text);
        String originalId = id.find() ? id.group(1) : null;
        String code = status.find() ? status.group(1) : null;
        if (!daemon && originalId == null && code == null) {
            return null;
        }
        return new Bounce(
                originalId,
                code,
                reply.find() ? reply.group().replaceAll("\\s+", " ").strip() : null);
    }

    /** Collects text, HTML and files while walking the MIME tree. */
    private final class Walk {
        final StringBuilder text = new StringBuilder();
        String html;
        final List<ParsedAttachment> files = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        Bounce bounce;
        int parts;

        void part(Part part, int depth, boolean inAlternative) {
            if (depth > MAX_DEPTH || ++parts > MAX_PARTS) {
                if (!problems.contains("too many nested parts; the rest was skipped")) {
                    problems.add("too many nested parts; the rest was skipped");
                }
                return;
            }
            ContentType type = contentType(part, this);
            String base = type.getBaseType().toLowerCase(Locale.ROOT);
            String filename = filename(part, this);
            boolean attachment = isAttachment(part) || (filename != null && !base.startsWith("multipart/"));
            try {
                if (base.startsWith("multipart/")) {
                    multipart(part, type, base, depth);
                } else if (!attachment && base.equals("text/plain")) {
                    String body = decode(part, type, this);
                    if (inAlternative && text.length() > 0) {
                        return;
                    }
                    if (text.length() > 0) {
                        text.append("\n\n");
                    }
                    text.append(body);
                } else if (!attachment && base.equals("text/html")) {
                    String body = decode(part, type, this);
                    html = html == null ? body : html + "\n<hr>\n" + body;
                } else if (base.equals("message/delivery-status")) {
                    deliveryStatus(new String(bytes(part, this), StandardCharsets.ISO_8859_1));
                } else if (base.equals("text/rfc822-headers") && bounce != null) {
                    original(new String(bytes(part, this), StandardCharsets.ISO_8859_1));
                } else {
                    file(part, base, filename);
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                problems.add(
                        "a " + base + " part could not be read (" + e.getClass().getSimpleName() + ")");
            }
        }

        private void multipart(Part part, ContentType type, String base, int depth)
                throws MessagingException, IOException {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                // A multipart without a usable boundary: its content is plain text to us.
                text.append(decodeLenient(bytes(part, this), 0, -1, "windows-1252", this));
                problems.add("a multipart part has no usable boundary; read as text");
                return;
            }
            if (base.equals("multipart/report")
                    && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"))) {
                bounce = new Bounce(null, null, null);
            }
            int count;
            try {
                count = multipart.getCount();
            } catch (MessagingException e) {
                problems.add("a multipart part is broken: " + e.getMessage());
                return;
            }
            boolean alternative = base.equals("multipart/alternative");
            for (int i = 0; i < count; i++) {
                BodyPart child;
                try {
                    child = multipart.getBodyPart(i);
                } catch (MessagingException e) {
                    problems.add("part " + (i + 1) + " of a multipart is broken");
                    continue;
                }
                if (bounce != null && isRfc822(child)) {
                    original(new String(bytes(child, this), StandardCharsets.ISO_8859_1));
                    continue;
                }
                part(child, depth + 1, alternative);
            }
            if (multipart instanceof MimeMultipart mm && !mm.isComplete()) {
                problems.add("a multipart part has no closing boundary");
            }
        }

        private void deliveryStatus(String report) {
            Matcher status = DSN_STATUS.matcher(report);
            Matcher diagnostic = DSN_DIAGNOSTIC.matcher(report);
            String original = bounce == null ? null : bounce.originalMessageId();
            bounce = new Bounce(
                    original,
                    status.find() ? status.group(1) : null,
                    diagnostic.find()
                            ? diagnostic.group(1).replaceAll("\\s+", " ").strip()
                            : null);
        }

        private void original(String headers) {
            Matcher m = ORIGINAL_MESSAGE_ID.matcher(headers);
            if (m.find()) {
                Bounce b = bounce == null ? new Bounce(null, null, null) : bounce;
                bounce = new Bounce(m.group(1), b.status(), b.diagnostic());
            }
        }

        private void file(Part part, String base, String filename) {
            byte[] content = bytes(part, this);
            String name = filename != null && !filename.isBlank()
                    ? filename.replaceAll("[\\\\/\\r\\n\\t]", "_").strip()
                    : "attachment-" + (files.size() + 1) + extension(base);
            String contentId = null;
            boolean inline = false;
            try {
                String[] cid = part.getHeader("Content-ID");
                if (cid != null && cid.length > 0) {
                    contentId = cid[0].strip().replaceAll("^<|>$", "");
                }
                inline = Part.INLINE.equalsIgnoreCase(part.getDisposition()) || (contentId != null && filename == null);
            } catch (MessagingException e) {
                // no Content-ID or disposition we can read: a plain attachment
            }
            files.add(new ParsedAttachment(name, base, content, inline, contentId));
        }
    }

    private static boolean isRfc822(Part part) {
        try {
            String type = part.getContentType();
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("message/rfc822");
        } catch (MessagingException e) {
            return false;
        }
    }

    private static boolean isAttachment(Part part) {
        try {
            return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        } catch (MessagingException e) {
            return false;
        }
    }

    private static ContentType contentType(Part part, Walk walk) {
        String value = null;
        try {
            value = part.getContentType();
            return new ContentType(value == null ? "text/plain" : value);
        } catch (MessagingException e) {
            // "text/plain; charset=x; garbage": keep the base type if it is readable
            if (value != null && value.matches("(?s)\\s*[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+.*")) {
                String base = value.strip().split("[;\\s]", 2)[0];
                try {
                    ContentType ct = new ContentType(base);
                    Matcher charset = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)")
                            .matcher(value);
                    if (charset.find()) {
                        ct.setParameter("charset", charset.group(1));
                    }
                    walk.problems.add("a malformed Content-Type (" + value.strip() + ") was read as " + base);
                    return ct;
                } catch (ParseException ignored) {
                    // fall through to text/plain
                }
            }
            walk.problems.add("an unreadable Content-Type was read as text/plain");
            return new ContentType("text", "plain", null);
        }
    }

    private static String filename(Part part, Walk walk) {
        try {
            String name = part.getFileName();
            return name == null ? null : decodeWord(name);
        } catch (MessagingException e) {
            walk.problems.add("an attachment's file name could not be read");
            return null;
        }
    }

    private static byte[] bytes(Part part, Walk walk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = part.getInputStream()) {
            in.transferTo(out);
        } catch (MessagingException | IOException | RuntimeException e) {
            // A broken transfer encoding: keep what was decoded so far, else the encoded bytes.
            if (out.size() == 0 && part instanceof MimePart mime) {
                try (InputStream rawIn = rawStream(mime)) {
                    if (rawIn != null) {
                        rawIn.transferTo(out);
                    }
                } catch (MessagingException | IOException | RuntimeException ignored) {
                    // nothing more to recover
                }
            }
            walk.problems.add("a part's transfer encoding is broken; kept what could be decoded");
        }
        return out.toByteArray();
    }

    private static InputStream rawStream(MimePart part) throws MessagingException {
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        if (part instanceof jakarta.mail.internet.MimeBodyPart b) {
            return b.getRawInputStream();
        }
        return null;
    }

    private static String decode(Part part, ContentType type, Walk walk) {
        return decodeLenient(bytes(part, walk), 0, -1, type.getParameter("charset"), walk);
    }

    /** Decodes with the declared charset; a missing one is guessed (UTF-8 if valid, else windows-1252). */
    private static String decodeLenient(byte[] bytes, int from, int to, String declared, Walk walk) {
        int end = to < 0 ? bytes.length : to;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, Math.max(0, end - from));
        Charset charset = charset(declared, walk);
        if (charset == null) {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(buffer.duplicate())
                        .toString();
            } catch (CharacterCodingException e) {
                charset = Charset.forName("windows-1252");
            }
        }
        return charset.decode(buffer).toString(); // replaces what the charset cannot map
    }

    private static Charset charset(String declared, Walk walk) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String name = declared.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        name = CHARSET_ALIASES.getOrDefault(name, name);
        try {
            return Charset.forName(MimeUtility.javaCharset(name));
        } catch (RuntimeException e) {
            walk.problems.add("unknown charset " + declared.strip() + ", read as UTF-8 or windows-1252");
            return null;
        }
    }

    private static String header(MimeMessage message, String name, Walk walk) {
        try {
            return message.getHeader(name, " ");
        } catch (MessagingException e) {
            walk.problems.add("the " + name + " header could not be read");
            return null;
        }
    }

    private static String allHeaders(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (MessagingException e) {
            return null;
        }
    }

    /**
     * A header as text: RFC 2047 words decoded, and raw 8-bit bytes (which Java reads as ISO-8859-1) re-read as
     * UTF-8 when they are valid UTF-8, since that is what modern mailers send unencoded.
     */
    private static String text(String value, Walk walk) {
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value);
        if (unfolded.chars().anyMatch(c -> c > 0x7f && c <= 0xff)) {
            byte[] bytes = unfolded.getBytes(StandardCharsets.ISO_8859_1);
            try {
                unfolded = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                unfolded = new String(bytes, Charset.forName("windows-1252"));
                walk.problems.add("a header carries raw 8-bit bytes; read as windows-1252");
            }
        }
        return decodeWord(unfolded);
    }

    private static String decodeWord(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }

    private static String[] from(MimeMessage message, Walk walk) {
        String value = header(message, "From", walk);
        if (value == null) {
            value = header(message, "Sender", walk);
        }
        if (value == null) {
            value = header(message, "Return-Path", walk);
        }
        if (value == null || value.isBlank()) {
            return new String[] {null, null, null};
        }
        String decoded = text(value, walk);
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(value, false);
            if (parsed.length > 0
                    && parsed[0].getAddress() != null
                    && ADDRESS.matcher(parsed[0].getAddress()).matches()) {
                String name = parsed[0].getPersonal();
                return new String[] {
                    parsed[0].getAddress().toLowerCase(Locale.ROOT),
                    name == null ? null : text(name, walk).strip(),
                    decoded.strip()
                };
            }
        } catch (AddressException e) {
            // fall back to finding an address in the text
        }
        Matcher m = ADDRESS.matcher(decoded);
        if (m.find()) {
            String name =
                    decoded.substring(0, m.start()).replaceAll("[\"<>]", "").strip();
            walk.problems.add("a malformed From header; found the address in it");
            return new String[] {m.group().toLowerCase(Locale.ROOT), name.isEmpty() ? null : name, decoded.strip()};
        }
        walk.problems.add("the From header has no address");
        return new String[] {null, decoded.isBlank() ? null : decoded.strip(), decoded.strip()};
    }

    private static List<String> addresses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = ADDRESS.matcher(value);
        while (m.find()) {
            found.add(m.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }

    private static String firstId(String value) {
        List<String> ids = ids(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        return value == null || value.isBlank() || value.strip().contains(" ") ? null : value.strip();
    }

    private static List<String> ids(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(value);
        while (m.find() && ids.size() < 100) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static Instant sentAt(MimeMessage message, Walk walk) {
        try {
            Date date = message.getSentDate();
            return date == null ? null : date.toInstant();
        } catch (MessagingException | RuntimeException e) {
            walk.problems.add("the Date header cannot be read");
            return null;
        }
    }

    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
            "(?i)^\\s*(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office|abwesenheit"
                    + "(snotiz)?|automatische antwort|r\u00e9ponse automatique|absence du bureau|risposta automatica"
                    + "|fuori sede)\\b");

    /**
     * RFC 3834's Auto-Submitted is the standard; Precedence and the vendor headers (and, for out-of-office
     * answers, their subjects) are what autoresponders and mailing lists actually send.
     */
    private static Automation automation(MimeMessage message, String from, String subject, Walk walk) {
        String auto = header(message, "Auto-Submitted", walk);
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            String value = auto.strip().toLowerCase(Locale.ROOT);
            return new Automation(
                    value.startsWith("auto-replied") ? Automation.Kind.AUTO_REPLY : Automation.Kind.GENERATED,
                    "Auto-Submitted: " + auto.strip());
        }
        String precedence = header(message, "Precedence", walk);
        String p = precedence == null ? "" : precedence.strip().toLowerCase(Locale.ROOT);
        if (p.equals("auto_reply")) {
            return new Automation(Automation.Kind.AUTO_REPLY, "Precedence: " + precedence.strip());
        }
        for (String h : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply")) {
            String v = header(message, h, walk);
            if (v != null && !v.strip().equalsIgnoreCase("no")) {
                return new Automation(Automation.Kind.AUTO_REPLY, h + ": " + v.strip());
            }
        }
        if (subject != null && AUTO_REPLY_SUBJECT.matcher(subject).find()) {
            return new Automation(Automation.Kind.AUTO_REPLY, "Subject: " + subject.strip());
        }
        if (Set.of("bulk", "junk", "list").contains(p)) {
            return new Automation(Automation.Kind.BULK, "Precedence: " + precedence.strip());
        }
        String listId = header(message, "List-Id", walk);
        if (listId != null) {
            return new Automation(Automation.Kind.BULK, "List-Id: " + listId.strip());
        }
        for (String h : List.of("X-Autogenerated", "X-Loop")) {
            String v = header(message, h, walk);
            if (v != null) {
                return new Automation(Automation.Kind.GENERATED, h + ": " + v.strip());
            }
        }
        if (from != null && BOUNCE_SENDER.matcher(from).matches()) {
            return new Automation(Automation.Kind.GENERATED, "From: " + from);
        }
        return Automation.PERSON;
    }

    private static String extension(String base) {
        return switch (base) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "text/plain" -> ".txt";
            case "text/html" -> ".html";
            case "message/rfc822" -> ".eml";
            default -> ".bin";
        };
    }

    private static int headerEnd(byte[] raw) {
        for (int i = 0; i < raw.length - 1; i++) {
            if (raw[i] == '\n'
                    && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                return i + 1;
            }
        }
        return raw.length;
    }

    /** Text for a message that only has HTML: block ends become line breaks, tags go, entities are decoded. */
    static String htmlToText(String html) {
        if (html == null) {
            return "";
        }
        String s = html.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</(p|div|li|tr|h[1-6]|blockquote)>", "\n")
                .replaceAll("(?s)<[^>]*>", "")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&apos;", "'");
        // Decimal digits only in "&#123;", hex only after "&#x": "&#23d;" is text, not a character reference.
        Matcher numeric =
                Pattern.compile("&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));").matcher(s);
        StringBuilder out = new StringBuilder();
        while (numeric.find()) {
            int code = numeric.group(1) != null
                    ? Integer.parseInt(numeric.group(1), 10)
                    : Integer.parseInt(numeric.group(2), 16);
            String replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "";
            numeric.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        numeric.appendTail(out);
        return Text.clean(out.toString())
                .replace("&amp;", "&")
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }
}
