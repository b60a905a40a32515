package dev.kontor.drafts.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the facts a reply states (numbers that look like order or tracking numbers, amounts of money, dates, links,
 * e-mail addresses and phone numbers) in the forms Kontor's templates and people write them in English, German,
 * French and Italian.
 */
final class Scan {

    private Scan() {}

    static final String SPACES = " \u00a0\u202f";

    private static final String CURRENCY = "€|EUR|\\$|USD|£|GBP|CHF";
    private static final String NUMBER = "\\d{1,3}(?:[.,\u00a0\u202f ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";
    static final Pattern AMOUNT = Pattern.compile("(?:(?<c1>" + CURRENCY + ")[\u00a0\u202f ]?(?<n1>" + NUMBER
            + "))|(?:(?<n2>" + NUMBER + ")[\u00a0\u202f ]?(?<c2>" + CURRENCY + "))");

    private static final Map<String, Integer> MONTHS = months();
    private static final String MONTH_NAMES = String.join("|", MONTHS.keySet());
    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![\\d.])(\\d{1,2})[./](\\d{1,2})[./](\\d{4})");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?iu)(?<!\\d)(\\d{1,2})(?:er|\\.)?[\u00a0\u202f ]+(" + MONTH_NAMES + ")[\u00a0\u202f ]+(\\d{4})");
    private static final Pattern MONTH_DAY_YEAR =
            Pattern.compile("(?iu)(" + MONTH_NAMES + ")[\u00a0\u202f ]+(\\d{1,2}),?[\u00a0\u202f ]+(\\d{4})");

    /** A token of at least five characters with four or more digits: an order, tracking or parcel number. */
    private static final Pattern REFERENCE =
            Pattern.compile("(?<![\\p{L}\\p{N}])[\\p{L}\\p{N}][\\p{L}\\p{N}-]{3,}[\\p{L}\\p{N}](?![\\p{L}\\p{N}])");

    static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'()\\[\\]]+");
    static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}-])(?:(?:\\+|00)\\d{1,3}[ /().-]*\\d[\\d /().-]{5,}\\d|0\\d{2,4}[ /-]\\d{3,}(?:[ -]\\d+)*)");

    record Found<T>(T value, String text) {}

    static List<Found<BigDecimal>> amounts(String text) {
        List<Found<BigDecimal>> out = new ArrayList<>();
        Matcher m = AMOUNT.matcher(text);
        while (m.find()) {
            String n = m.group("n1") != null ? m.group("n1") : m.group("n2");
            BigDecimal value = number(n);
            if (value != null) {
                out.add(new Found<>(value, m.group()));
            }
        }
        return out;
    }

    /** {@code 1.234,50}, {@code 1,234.50}, {@code 1 234,50}, {@code 12}: the last separator before one or two digits is the decimal one. */
    static BigDecimal number(String written) {
        String s = written.replaceAll("[" + SPACES + "]", "");
        Matcher decimals = Pattern.compile("[.,](\\d{1,2})$").matcher(s);
        String whole = s;
        String fraction = "";
        if (decimals.find()) {
            whole = s.substring(0, decimals.start());
            fraction = decimals.group(1);
        }
        whole = whole.replaceAll("[.,]", "");
        try {
            return new BigDecimal(fraction.isEmpty() ? whole : whole + "." + fraction);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<Found<LocalDate>> dates(String text) {
        List<Found<LocalDate>> out = new ArrayList<>();
        Matcher m = ISO_DATE.matcher(text);
        while (m.find()) {
            add(out, m.group(), m.group(1), m.group(2), m.group(3));
        }
        m = NUMERIC_DATE.matcher(text);
        while (m.find()) {
            add(out, m.group(), m.group(3), m.group(2), m.group(1));
        }
        m = DAY_MONTH_YEAR.matcher(text);
        while (m.find()) {
            add(out, m.group(), m.group(3), month(m.group(2)), m.group(1));
        }
        m = MONTH_DAY_YEAR.matcher(text);
        while (m.find()) {
            add(out, m.group(), m.group(3), month(m.group(1)), m.group(2));
        }
        return out;
    }

    private static String month(String name) {
        return String.valueOf(MONTHS.get(name.toLowerCase(Locale.ROOT)));
    }

    private static void add(List<Found<LocalDate>> out, String text, String year, String month, String day) {
        try {
            out.add(new Found<>(
                    LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)), text));
        } catch (DateTimeException | NumberFormatException e) {
            // Not a date after all (e.g. 31.02.2026): nothing to check.
        }
    }

    /** Order, tracking and parcel numbers, without the amounts and dates (which are checked as such). */
    static List<String> references(String text) {
        String rest = mask(mask(mask(text, AMOUNT), ISO_DATE), NUMERIC_DATE);
        rest = mask(mask(rest, LINK), EMAIL);
        List<String> out = new ArrayList<>();
        Matcher m = REFERENCE.matcher(rest);
        while (m.find()) {
            String token = m.group();
            if (token.chars().filter(Character::isDigit).count() >= 4) {
                out.add(token);
            }
        }
        return out;
    }

    static String mask(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, " ".repeat(m.group().length()));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<String> links(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll("[.,;:!?]+$", ""));
        }
        return out;
    }

    /** The host of a link, lower case and without {@code www.}; null when it has none. */
    static String host(String link) {
        try {
            String l = link.toLowerCase(Locale.ROOT).startsWith("www.") ? "https://" + link : link;
            String host = URI.create(l.replace(" ", "%20")).getHost();
            return host == null ? null : withoutWww(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String withoutWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** For comparing references: upper case, without spaces and dashes. */
    static String normalized(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[\\s\u00a0\u202f-]", "");
    }

    /** Sentences (and lines), so that a number is read together with what it is said about. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+|\\n+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        String[][] names = {
            {"january", "januar", "janvier", "gennaio"},
            {"february", "februar", "février", "febbraio"},
            {"march", "märz", "mars", "marzo"},
            {"april", "avril", "aprile"},
            {"may", "mai", "maggio"},
            {"june", "juni", "juin", "giugno"},
            {"july", "juli", "juillet", "luglio"},
            {"august", "août", "agosto"},
            {"september", "septembre", "settembre"},
            {"october", "oktober", "octobre", "ottobre"},
            {"november", "novembre"},
            {"december", "dezember", "décembre", "dicembre"}
        };
        for (int i = 0; i < names.length; i++) {
            for (String n : names[i]) {
                m.putIfAbsent(n, i + 1);
            }
        }
        return m;
    }
}
