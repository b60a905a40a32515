package dev.kontor.shared;

/**
 * The one rule for text Kontor stores: PostgreSQL cannot hold a NUL character, and a lone UTF-16 surrogate has no
 * UTF-8 form, so either would fail deep in a write. Text typed by people (API, forms) with such characters is
 * rejected with a field error ({@link #problem}); text that arrives from a channel (e-mail, marketplaces) is cleaned
 * and kept ({@link #clean}), because the customer's message must not be lost over one bad character. Invalid UTF-8
 * bytes never reach here: the JSON reader and the form decoder refuse them (see ApiProblems, TextBinding).
 */
public final class Text {

    /** What a cleaned channel text shows where a character could not be kept. */
    public static final char REPLACEMENT = '\uFFFD';

    private Text() {}

    /** Why this text cannot be stored, or null when it can. */
    public static String problem(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "must not contain a NUL character (position " + (i + 1) + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone surrogate (position " + (i + 1) + "), which is not a valid character";
            }
        }
        return null;
    }

    /** The text without NUL characters and with each lone surrogate replaced by U+FFFD; null stays null. */
    public static String clean(String s) {
        if (s == null || problem(s) == null) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
