package dev.kontor.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kontor.shared.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Coverage-guided fuzzing of business calendars as admins type them: any time zone, opening hours and holidays
 * either make a calendar or are refused as {@link InvalidInput} naming the field; a calendar then answers every
 * question (is it open, when does this much work end, how much open time lies between) without failing.
 */
class BusinessCalendarFuzzTests {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @FuzzTest(maxDuration = "20s")
    void anyCalendarInputMakesACalendarOrAFieldError(FuzzedDataProvider data) {
        String zone = data.pickValue(new String[] {"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"});
        if (data.consumeBoolean()) {
            zone = data.consumeString(40);
        }
        Set<LocalDate> holidays = new HashSet<>();
        int count = data.consumeInt(0, 20);
        for (int i = 0; i < count; i++) {
            holidays.add(LocalDate.of(2026, 1, 1).plusDays(data.consumeInt(0, 800)));
        }
        Instant at = BASE.plusSeconds(data.consumeLong(0, 3L * 365 * 24 * 3600));
        Duration work = Duration.ofMinutes(data.consumeInt(0, 60 * 24 * 30));
        String hours = data.consumeRemainingAsString();

        BusinessCalendar calendar;
        try {
            calendar = BusinessCalendar.of(zone, hours, holidays);
        } catch (InvalidInput refused) {
            assertThat(refused.errors()).isNotEmpty();
            return;
        }
        calendar.isOpen(at);
        Instant due = calendar.add(at, work);
        assertThat(due).isAfterOrEqualTo(at);
        assertThat(calendar.between(at, due).isNegative()).isFalse();
    }
}
