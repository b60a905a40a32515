package dev.kontor.channels.email;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The new part of a reply, for display: customers' mailers quote the whole conversation below (or above) what the
 * customer wrote. The original e-mail keeps everything; this only decides what the agent sees first.
 */
public final class QuotedReply {

    private QuotedReply() {}

    /** Lines that introduce a quoted message, in the languages and mailers our customers use. */
    private static final List<Pattern> QUOTE_HEADERS = List.of(
            // Gmail, Apple Mail, Thunderbird: "On Mon, 3 Feb 2025 at 10:00, Anna <a@b> wrote:" (may wrap)
            Pattern.compile("(?im)^[ \\t]*On\\b[^\\n]{0,200}(\\n[^\\n]{0,200})?\\bwrote:[ \\t]*$"),
            Pattern.compile(
                    "(?im)^[ \\t]*Am\\b[^\\n]{0,200}(\\n[^\\n]{0,200})?\\bschrieb[^\\n]{0,100}(\\n[^\\n]{0,100})?:[ \\t]*$"),
            Pattern.compile("(?im)^[ \\t]*Le\\b[^\\n]{0,200}(\\n[^\\n]{0,200})?\\ba écrit[ \\t]*:[ \\t]*$"),
            Pattern.compile("(?im)^[ \\t]*Il giorno\\b[^\\n]{0,200}(\\n[^\\n]{0,200})?\\bha scritto[ \\t]*:[ \\t]*$"),
            Pattern.compile("(?im)^[ \\t]*(El|On)\\b[^\\n]{0,200}(\\n[^\\n]{0,200})?\\bescribió[ \\t]*:[ \\t]*$"),
            Pattern.compile(
                    "(?im)^[ \\t]*Op\\b[^\\n]{0,200}(\\n[^\\n]{0,200})?\\bschreef[^\\n]{0,100}(\\n[^\\n]{0,100})?:[ \\t]*$"),
            Pattern.compile("(?im)^[ \\t]*-{2,}[ \\t]*(Original Message|Ursprüngliche Nachricht|Message d'origine"
                    + "|Message d’origine|Messaggio originale|Mensaje original|Oorspronkelijk bericht)[ \\t]*-{2,}"),
            // Outlook: a From/Sent header block
            Pattern.compile(
                    "(?im)^[ \\t]*\\*?(From|Von|De|Da|Van)\\*?[ \\t]*:[^\\n]+\\n[ \\t]*\\*?(Sent|Gesendet|Envoyé"
                            + "|Inviato|Enviado|Verzonden|Date|Datum)\\*?[ \\t]*:"),
            Pattern.compile("(?m)^_{20,}[ \\t]*$"));

    public static String visiblePart(String text) {
        if (text == null || text.isBlank()) {
            return text == null ? "" : text.strip();
        }
        String normalized = text.replace("\r\n", "\n");
        int cut = normalized.length();
        for (Pattern p : QUOTE_HEADERS) {
            Matcher m = p.matcher(normalized);
            if (m.find() && m.start() < cut) {
                cut = m.start();
            }
        }
        String visible = withoutTrailingQuotes(normalized.substring(0, cut)).strip();
        return visible.isEmpty() ? normalized.strip() : visible;
    }

    /** Drops the block of ">"-quoted lines (and blank lines) at the end. */
    private static String withoutTrailingQuotes(String text) {
        String[] lines = text.split("\n", -1);
        int end = lines.length;
        while (end > 0
                && (lines[end - 1].isBlank() || lines[end - 1].stripLeading().startsWith(">"))) {
            end--;
        }
        return String.join("\n", java.util.Arrays.asList(lines).subList(0, end));
    }
}
