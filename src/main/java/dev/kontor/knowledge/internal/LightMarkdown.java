package dev.kontor.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The little markdown articles may use: paragraphs, {@code #} headings, {@code -} lists, {@code **bold**},
 * {@code *italic*} and {@code [text](https://…)} links. Everything is HTML-escaped first, so no markup written in
 * an article ever reaches a page; links are http(s) only and open without referrer.
 */
public final class LightMarkdown {

    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{1,200})\\]\\((https?://[^)\\s]{1,2000})\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]+)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])\\*([^*\\n]+)\\*(?![*\\w])");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+");

    private LightMarkdown() {}

    /** Safe HTML for the article's text. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder();
        for (String block : blocks(text)) {
            List<String> lines = block.lines().toList();
            if (lines.stream().allMatch(l -> l.startsWith("- ") || l.startsWith("* "))) {
                out.append("<ul>");
                lines.forEach(
                        l -> out.append("<li>").append(inline(l.substring(2))).append("</li>"));
                out.append("</ul>");
            } else if (lines.size() == 1 && HEADING.matcher(lines.get(0)).find()) {
                out.append("<h3>")
                        .append(inline(HEADING.matcher(lines.get(0)).replaceFirst("")))
                        .append("</h3>");
            } else {
                out.append("<p>")
                        .append(String.join(
                                "<br>",
                                lines.stream().map(LightMarkdown::inline).toList()))
                        .append("</p>");
            }
        }
        return out.toString();
    }

    /** The text without markup, links written as "text (address)", for excerpts put into replies. */
    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        String s = LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " (" + m.group(2) + ")"));
        s = BOLD.matcher(s).replaceAll("$1");
        s = ITALIC.matcher(s).replaceAll("$1");
        List<String> lines = new ArrayList<>();
        for (String line : s.lines().toList()) {
            lines.add(HEADING.matcher(line).replaceFirst(""));
        }
        return String.join("\n", lines).strip();
    }

    private static List<String> blocks(String text) {
        if (text == null) {
            return List.of();
        }
        return java.util.Arrays.stream(text.strip().split("\\n\\s*\\n"))
                .map(String::strip)
                .filter(b -> !b.isEmpty())
                .toList();
    }

    private static String inline(String line) {
        String s = HtmlUtils.htmlEscape(line.strip());
        // Escaping leaves [, ], (, ), * and the address characters alone except &, which stays escaped in href.
        s = LINK.matcher(s)
                .replaceAll(m -> Matcher.quoteReplacement("<a href=\"" + m.group(2)
                        + "\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">" + m.group(1) + "</a>"));
        s = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
        s = ITALIC.matcher(s).replaceAll("<em>$1</em>");
        return s;
    }
}
