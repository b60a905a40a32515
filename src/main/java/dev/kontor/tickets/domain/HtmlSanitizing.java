package dev.kontor.tickets.domain;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * HTML from outside (customers, marketplaces, mail) never runs in an agent's browser: only formatting, links,
 * tables and blocks survive; scripts, event handlers, styles and remote images (tracking pixels) are dropped.
 */
public final class HtmlSanitizing {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.LINKS)
            .and(new HtmlPolicyBuilder()
                    .allowElements("br", "hr", "pre", "code", "span", "div")
                    .toFactory());

    private static final Pattern BREAKS = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>|</li>|</tr>|</h[1-6]>");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private HtmlSanitizing() {}

    private static String decode(String entity) {
        try {
            if (entity.startsWith("#x")) {
                return Character.toString(Integer.parseInt(entity.substring(2), 16));
            }
            if (entity.startsWith("#")) {
                return Character.toString(Integer.parseInt(entity.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return "&" + entity + ";";
        }
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> "&" + entity + ";";
        };
    }

    public static String sanitize(String html) {
        return html == null ? null : POLICY.sanitize(html);
    }

    /** Readable text of outside HTML, for search, previews and channels that only send text. */
    public static String toText(String html) {
        return html == null ? "" : textOfSanitized(sanitize(html));
    }

    /**
     * As {@link #toText}, for HTML that {@link #sanitize} already cleaned (the stored body): sanitizing is the costly
     * part of a large e-mail, and doing it twice changes nothing.
     */
    public static String textOfSanitized(String html) {
        if (html == null) {
            return "";
        }
        String text = BREAKS.matcher(html).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        text = ENTITY.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(decode(m.group(1))));
        return text.replace('\u00a0', ' ').replaceAll("\n{3,}", "\n\n").strip();
    }
}
