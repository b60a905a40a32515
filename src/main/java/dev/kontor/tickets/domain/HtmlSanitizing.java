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

    private HtmlSanitizing() {}

    public static String sanitize(String html) {
        return html == null ? null : POLICY.sanitize(html);
    }

    /** Readable text of (sanitized) HTML, for search, previews and channels that only send text. */
    public static String toText(String html) {
        if (html == null) {
            return "";
        }
        String text = BREAKS.matcher(sanitize(html)).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#34;", "\"")
                .replace("&#39;", "'")
                .replace("&#64;", "@")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
