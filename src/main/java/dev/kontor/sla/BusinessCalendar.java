package dev.kontor.sla;

import dev.kontor.shared.InvalidInput;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the clock runs: business hours per weekday in a time zone, minus holidays; or always (24/7). Times are
 * wall-clock times in the zone, so a DST change shortens or lengthens that night, never the opening hours.
 * Hours are written as admins think of them: {@code "mon-fri 09:00-18:00; sat 10:00-14:00"}.
 */
public final class BusinessCalendar {

    private static final Pattern RULE = Pattern.compile(
            "^\\s*([a-z]{3})(?:\\s*-\\s*([a-z]{3}))?\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*$");
    private static final int MAX_SPEC = 2000;
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final ZoneId zone;
    private final boolean always;
    private final Map<DayOfWeek, List<LocalTime[]>> hours;
    private final Set<LocalDate> holidays;

    private BusinessCalendar(
            ZoneId zone, boolean always, Map<DayOfWeek, List<LocalTime[]>> hours, Set<LocalDate> holidays) {
        this.zone = zone;
        this.always = always;
        this.hours = hours;
        this.holidays = Set.copyOf(holidays);
    }

    public static BusinessCalendar always() {
        return new BusinessCalendar(ZoneId.of("UTC"), true, Map.of(), Set.of());
    }

    /**
     * Parses {@code hours} ("mon-fri 09:00-18:00; sat 10:00-14:00"); an end of 24:00 means midnight. Times that
     * overlap or repeat on a day are merged, so no minute counts twice. Malformed input throws {@link InvalidInput}
     * naming the field ({@code hours} or {@code timeZone}); nothing else escapes.
     */
    public static BusinessCalendar of(String zoneId, String hoursSpec, Set<LocalDate> holidays) {
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId == null ? "" : zoneId.strip());
        } catch (RuntimeException e) {
            throw InvalidInput.of("timeZone", "unknown time zone '" + zoneId + "'");
        }
        if (hoursSpec != null && hoursSpec.length() > MAX_SPEC) {
            throw InvalidInput.of("hours", "is longer than " + MAX_SPEC + " characters");
        }
        Map<DayOfWeek, List<LocalTime[]>> hours = new EnumMap<>(DayOfWeek.class);
        for (String part :
                (hoursSpec == null ? "" : hoursSpec).toLowerCase(Locale.ROOT).split("[;\\n]")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = RULE.matcher(part);
            if (!m.matches() || !DAYS.contains(m.group(1)) || (m.group(2) != null && !DAYS.contains(m.group(2)))) {
                throw InvalidInput.of("hours", "cannot read '" + part.strip() + "' (write e.g. mon-fri 09:00-18:00)");
            }
            LocalTime start = time(m.group(3), false);
            LocalTime end = time(m.group(4), true);
            if (!end.isAfter(start)) {
                throw InvalidInput.of("hours", "'" + part.strip() + "' ends before it starts");
            }
            int from = DAYS.indexOf(m.group(1));
            int to = m.group(2) == null ? from : DAYS.indexOf(m.group(2));
            for (int d = from; ; d = (d + 1) % 7) {
                hours.computeIfAbsent(DayOfWeek.of(d + 1), k -> new ArrayList<>())
                        .add(new LocalTime[] {start, end});
                if (d == to) {
                    break;
                }
            }
        }
        if (hours.isEmpty()) {
            throw InvalidInput.of("hours", "needs at least one opening time");
        }
        hours.replaceAll((day, list) -> merged(list));
        return new BusinessCalendar(zone, false, hours, holidays);
    }

    /** "9:00", "09:30", and "24:00" as an end (midnight); anything past 23:59 or with minutes over 59 is refused. */
    private static LocalTime time(String text, boolean end) {
        int colon = text.indexOf(':');
        int hour = Integer.parseInt(text.substring(0, colon));
        int minute = Integer.parseInt(text.substring(colon + 1));
        if (end && hour == 24 && minute == 0) {
            return LocalTime.MAX;
        }
        if (hour > 23 || minute > 59) {
            throw InvalidInput.of(
                    "hours", "'" + text + "' is not a time of day (00:00 to 23:59, or 24:00 as a closing time)");
        }
        return LocalTime.of(hour, minute);
    }

    /** Sorted, with overlapping or touching times joined: "09:00-13:00; 12:00-18:00" is 09:00-18:00. */
    private static List<LocalTime[]> merged(List<LocalTime[]> times) {
        List<LocalTime[]> sorted = new ArrayList<>(times);
        sorted.sort(Comparator.comparing(i -> i[0]));
        List<LocalTime[]> out = new ArrayList<>();
        for (LocalTime[] t : sorted) {
            LocalTime[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !t[0].isAfter(last[1])) {
                if (t[1].isAfter(last[1])) {
                    last[1] = t[1];
                }
            } else {
                out.add(new LocalTime[] {t[0], t[1]});
            }
        }
        return List.copyOf(out);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The instant when {@code work} of open time has passed after {@code start}. */
    public Instant add(Instant start, Duration work) {
        if (always) {
            return start.plus(work);
        }
        Duration left = work;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int guard = 0; guard < 3700; guard++, day = day.plusDays(1)) {
            for (LocalTime[] open : openOn(day)) {
                Instant from = instant(day, open[0]);
                Instant to = instant(day, open[1]);
                if (!to.isAfter(start)) {
                    continue;
                }
                Instant begin = from.isAfter(start) ? from : start;
                Duration available = Duration.between(begin, to);
                if (available.compareTo(left) >= 0) {
                    return begin.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("no opening time within ten years");
    }

    /** Whether the calendar is open at this instant. */
    public boolean isOpen(Instant at) {
        if (always) {
            return true;
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        for (LocalDate d : List.of(day.minusDays(1), day)) {
            for (LocalTime[] open : openOn(d)) {
                if (!at.isBefore(instant(d, open[0])) && at.isBefore(instant(d, open[1]))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Open time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (always) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (LocalTime[] open : openOn(day)) {
                Instant a = max(from, instant(day, open[0]));
                Instant b = min(to, instant(day, open[1]));
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    private List<LocalTime[]> openOn(LocalDate day) {
        return holidays.contains(day) ? List.of() : hours.getOrDefault(day.getDayOfWeek(), List.of());
    }

    /**
     * A wall-clock time of a day in the zone. A time skipped by DST (02:30 on the spring-forward night) is the first
     * valid instant after it, the moment the clocks jump, not the gap's length later (03:30).
     */
    private Instant instant(LocalDate day, LocalTime time) {
        if (time.equals(LocalTime.MAX)) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        LocalDateTime local = LocalDateTime.of(day, time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
