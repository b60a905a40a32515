package dev.kontor.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer wrote in this message, without the quoted earlier conversation, the signature and the legal
 * footer, which are kept as {@link Cut}s (to show on demand). Reading them as the customer's words sends triage the
 * wrong way: an old "your order was shipped" in a quoted reply, a "confidential" footer in another language, a
 * company's phone and VAT numbers in a signature.
 *
 * <p>When cutting would leave nothing (a bare forward, a message that is all signature), the text stays whole.
 */
public record CleanedMessage(String text, List<Cut> cuts) {

    public enum Part {
        QUOTE,
        SIGNATURE,
        FOOTER
    }

    /** A part cut off the message, in the order it appeared. */
    public record Cut(Part part, String text) {}

    public CleanedMessage {
        cuts = List.copyOf(cuts);
    }

    /** Lines that introduce a quoted message, in the mail programs and languages customers use. */
    private static final List<Pattern> QUOTE_HEADERS = List.of(
            // Gmail, Apple Mail, Thunderbird (may wrap onto a second line)
            header("On\\b", "\\bwrote"),
            header("Am\\b", "\\bschrieb[^\\n]{0,100}(\\n[^\\n]{0,100})?"),
            header("Le\\b", "\\ba (é|e)crit"),
            header("(Il giorno|Il|In data)\\b", "\\bha scritto"),
            header("El\\b", "\\bescribi(ó|o)"),
            header("Em\\b", "\\bescreveu"),
            header("Op\\b", "\\bschreef[^\\n]{0,100}(\\n[^\\n]{0,100})?"),
            header("W dniu\\b", "\\bnapisa(ł|l)(\\(a\\)|a)?"),
            header("Den\\b", "\\bskrev[^\\n]{0,100}(\\n[^\\n]{0,100})?"),
            Pattern.compile("(?im)^[ \\t]*-{2,}[ \\t]*(Original Message|Ursprüngliche Nachricht|Message d'origine"
                    + "|Message d’origine|Messaggio originale|Mensaje original|Mensagem original|Oorspronkelijk bericht"
                    + "|Wiadomość oryginalna|Originalmeddelande|Oprindelig meddelelse|Forwarded message"
                    + "|Weitergeleitete Nachricht|Message transféré)[ \\t]*-{2,}"),
            Pattern.compile("(?im)^[ \\t]*(Begin forwarded message|Anfang der weitergeleiteten Nachricht):"),
            // Outlook: a From/Sent (or Date) header block
            Pattern.compile("(?im)^[ \\t]*\\*?(From|Von|De|Da|Van|Od|Från|Fra)\\*?[ \\t]*:[^\\n]+\\n[ \\t]*\\*?(Sent"
                    + "|Gesendet|Envoyé|Inviato|Enviado|Enviada|Verzonden|Wysłano|Skickat|Sendt|Date|Datum|Data|Fecha)"
                    + "\\*?[ \\t]*:"),
            Pattern.compile("(?m)^_{20,}[ \\t]*$"));

    private static Pattern header(String start, String verb) {
        return Pattern.compile(
                "(?imu)^[ \\t]*" + start + "[^\\n]{0,200}(\\n[^\\n]{0,200})?" + verb + "[ \\t]*:[ \\t]*$");
    }

    /** A line that starts a legal footer: confidentiality notices and company register data, in our languages. */
    private static final Pattern FOOTER = Pattern.compile("(?iu)(confidential|confidentiality notice"
            + "|this e-?mail (and any|may contain|is intended|is confidential)|intended (solely |only )?for the"
            + "|if you (are not|have received) |registered (in|office)|company registration|please consider the environment"
            + "|vertraulich|geschäftsführ|geschaftsfuhr|registergericht|amtsgericht|sitz der gesellschaft|handelsregister"
            + "|confidentiel|si[eè]ge social|rcs [a-z]"
            + "|riservat|sede legale|registro (delle )?imprese"
            + "|confidencial|registro mercantil"
            + "|vertrouwelijk|kamer van koophandel"
            + "|poufn|sąd rejonowy|sad rejonowy|kapitał zakładowy|kapital zakladowy"
            + "|confidenciais"
            + "|konfidentiel|fortrolig|sekretess)");

    /** A closing line that opens a signature; the delimiter "-- " and the mobile "sent from" lines too. */
    private static final Pattern CLOSING = Pattern.compile("(?iu)^[ \\t]*(--[ \\t]*|(best|kind|warm|many thanks and)"
            + " regards|regards|best wishes|yours (sincerely|faithfully)|sincerely|cheers"
            + "|mit freundlichen gr(ü|ue|u)(ß|ss)en|freundliche gr(ü|ue|u)(ß|ss)e|viele gr(ü|ue|u)(ß|ss)e|beste gr(ü|ue|u)(ß|ss)e"
            + "|liebe gr(ü|ue|u)(ß|ss)e|lg|mfg|gru(ß|ss)"
            + "|cordialement|bien (à|a) vous|bien cordialement|salutations|sinc[eè]res salutations"
            + "|cordiali saluti|distinti saluti|saluti|un saluto|cordialmente"
            + "|un saludo|saludos( cordiales)?|atentamente|un abrazo"
            + "|met vriendelijke groet(en)?|vriendelijke groet(en)?|groet(en|jes)?|mvg"
            + "|pozdrawiam|z powa(ż|z)aniem|pozdrowienia"
            + "|atenciosamente|cumprimentos|melhores cumprimentos|abra(ç|c)os"
            + "|med v(ä|a)nliga h(ä|a)lsningar|v(ä|a)nliga h(ä|a)lsningar|h(ä|a)lsningar|mvh"
            + "|med venlig hilsen|venlig hilsen|de bedste hilsner|hilsen"
            + "|sent from my \\w+|envoy(é|e) de mon \\w+|von meinem \\w+ gesendet|inviato da \\w+|enviado desde mi \\w+"
            + "|verzonden vanaf mijn \\w+|wys(ł|l)ane z \\w+|enviado do meu \\w+|skickat fr(å|a)n min \\w+|sendt fra min \\w+)"
            + "[ \\t]*[,.!]?[ \\t]*$");

    /** Signatures longer than this many lines are more likely the message going on after a greeting. */
    private static final int MAX_SIGNATURE_LINES = 12;

    public static CleanedMessage of(String text) {
        if (text == null || text.isBlank()) {
            return new CleanedMessage(text == null ? "" : text.strip(), List.of());
        }
        String rest = text.replace("\r\n", "\n").replace('\r', '\n');
        List<Cut> cuts = new ArrayList<>();
        List<Cut> quotes = new ArrayList<>();
        rest = withoutQuotes(rest, quotes);

        String footer = null;
        int footerAt = footerStart(rest);
        if (footerAt > 0) {
            footer = rest.substring(footerAt);
            rest = rest.substring(0, footerAt);
        }
        String signature = null;
        int signatureAt = signatureStart(rest);
        if (signatureAt > 0) {
            signature = rest.substring(signatureAt);
            rest = rest.substring(0, signatureAt);
        }
        if (rest.isBlank()) {
            return new CleanedMessage(text.strip(), List.of());
        }
        if (signature != null && !signature.isBlank()) {
            cuts.add(new Cut(Part.SIGNATURE, signature.strip()));
        }
        if (footer != null && !footer.isBlank()) {
            cuts.add(new Cut(Part.FOOTER, footer.strip()));
        }
        cuts.addAll(quotes);
        return new CleanedMessage(rest.strip(), cuts);
    }

    /** The text only, for readers that need nothing else. */
    public static String textOf(String text) {
        return of(text).text();
    }

    /** The parts of a given kind that were cut, joined. */
    public String cut(Part part) {
        return String.join(
                "\n\n",
                cuts.stream().filter(c -> c.part() == part).map(Cut::text).toList());
    }

    /**
     * Drops quoted conversation: a quote header followed by ">" lines (the reply may go on below, as with
     * bottom-posting), a header followed by plain text (Outlook quotes everything below, to the end) and loose
     * ">" lines.
     */
    private static String withoutQuotes(String text, List<Cut> quotes) {
        String rest = text;
        int headerAt = -1;
        int headerEnd = -1;
        for (Pattern p : QUOTE_HEADERS) {
            Matcher m = p.matcher(rest);
            if (m.find() && (headerAt < 0 || m.start() < headerAt)) {
                headerAt = m.start();
                headerEnd = m.end();
            }
        }
        StringBuilder kept = new StringBuilder();
        StringBuilder quoted = new StringBuilder();
        if (headerAt >= 0) {
            String after = rest.substring(headerEnd);
            String firstLine = after.lines()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse("")
                    .stripLeading();
            if (!firstLine.startsWith(">")) {
                quotes.add(new Cut(Part.QUOTE, rest.substring(headerAt).strip()));
                rest = rest.substring(0, headerAt);
            } else {
                quoted.append(rest, headerAt, headerEnd).append('\n');
                rest = rest.substring(0, headerAt) + after;
            }
        }
        for (String line : rest.split("\n", -1)) {
            if (line.stripLeading().startsWith(">")) {
                quoted.append(line).append('\n');
            } else {
                kept.append(line).append('\n');
            }
        }
        if (!quoted.isEmpty()) {
            quotes.add(0, new Cut(Part.QUOTE, quoted.toString().strip()));
        }
        return kept.toString();
    }

    private static final Pattern BLANK_LINES = Pattern.compile("\n[ \\t]*\n");

    /** Where the footer starts: the first paragraph (after the first) with a legal phrase, to the end. */
    private static int footerStart(String text) {
        Matcher blank = BLANK_LINES.matcher(text);
        int start = 0;
        boolean first = true;
        while (true) {
            boolean more = blank.find();
            int end = more ? blank.start() : text.length();
            String paragraph = text.substring(start, end);
            if (!first && FOOTER.matcher(paragraph).find() && isFooterLike(paragraph)) {
                return start;
            }
            if (!paragraph.isBlank()) {
                first = false;
            }
            if (!more) {
                return -1;
            }
            start = blank.end();
        }
    }

    /** A legal footer speaks of the message or the company, never of an order the customer asks about. */
    private static boolean isFooterLike(String paragraph) {
        String p = paragraph.toLowerCase(java.util.Locale.ROOT);
        return p.contains("mail")
                || p.contains("message")
                || p.contains("messaggio")
                || p.contains("mensaje")
                || p.contains("mensagem")
                || p.contains("nachricht")
                || p.contains("bericht")
                || p.contains("wiadomo")
                || p.contains("meddel")
                || p.contains("besked")
                || p.contains("gericht")
                || p.contains("geschäftsf")
                || p.contains("register")
                || p.contains("registro")
                || p.contains("rcs ")
                || p.contains("sede legale")
                || p.contains("siège")
                || p.contains("kapita");
    }

    /** Where the signature starts: a closing line with at most a short block below it. */
    private static int signatureStart(String text) {
        String[] lines = text.split("\n", -1);
        int offset = 0;
        int nonBlankBefore = 0;
        for (int i = 0; i < lines.length; i++) {
            if (nonBlankBefore > 0 && CLOSING.matcher(lines[i]).matches()) {
                long below = java.util.Arrays.stream(lines, i + 1, lines.length)
                        .filter(l -> !l.isBlank())
                        .count();
                if (below <= MAX_SIGNATURE_LINES) {
                    return offset;
                }
            }
            if (!lines[i].isBlank()) {
                nonBlankBefore++;
            }
            offset += lines[i].length() + 1;
        }
        return -1;
    }
}
