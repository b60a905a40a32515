package dev.kontor.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.shared.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarUnitTests {

    static final BusinessCalendar BERLIN = BusinessCalendar.of("Europe/Berlin", "mon-fri 09:00-18:00", Set.of());

    @Test
    void timeWithinTheDayIsCountedDirectly() {
        // Tuesday 10:00 Berlin (CET, UTC+1) + 2 h = 12:00.
        assertThat(BERLIN.add(Instant.parse("2026-11-24T09:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
    }

    @Test
    void aFridayEveningMessageIsDueOnMonday() {
        // Friday 17:00 Berlin + 4 business hours: 1 h on Friday, 3 h on Monday → Monday 12:00.
        assertThat(BERLIN.add(Instant.parse("2026-11-27T16:00:00Z"), Duration.ofHours(4)))
                .isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
    }

    @Test
    void aMessageAtNightStartsCountingAtOpening() {
        // Saturday 23:00 → Monday 09:00 + 1 h.
        assertThat(BERLIN.add(Instant.parse("2026-11-28T22:00:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void holidaysAreSkipped() {
        BusinessCalendar christmas = BusinessCalendar.of(
                "Europe/Berlin",
                "mon-fri 09:00-18:00",
                Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")));
        // Wednesday 23 Dec 17:00 + 2 h: 1 h that day, Thu and Fri are holidays, then Monday 28 Dec 10:00.
        assertThat(christmas.add(Instant.parse("2026-12-23T16:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-12-28T09:00:00Z"));
    }

    @Test
    void theSameHoursInAnotherTimeZoneAreOtherInstants() {
        BusinessCalendar newYork = BusinessCalendar.of("America/New_York", "mon-fri 09:00-17:00", Set.of());
        // Tuesday 08:00 UTC is 03:00 in New York: opening at 09:00 EST = 14:00 UTC, + 1 h.
        assertThat(newYork.add(Instant.parse("2026-11-24T08:00:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-11-24T15:00:00Z"));
    }

    @Test
    void openingHoursStayWallClockAcrossTheDaylightSavingChange() {
        // Berlin switches to CEST on Sunday 29 March 2026. Friday 27 March 17:00 CET (16:00Z) + 2 h:
        // 1 h on Friday, then Monday 30 March 09:00 CEST (07:00Z) + 1 h = 08:00Z.
        assertThat(BERLIN.add(Instant.parse("2026-03-27T16:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        BusinessCalendar nightShift = BusinessCalendar.of("Europe/Berlin", "sun 00:00-24:00", Set.of());
        // The DST Sunday has only 23 hours.
        assertThat(nightShift.between(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void openTimeBetweenTwoInstantsLeavesOutNightsAndWeekends() {
        // Friday 17:00 → Monday 10:00 Berlin: 1 h + 1 h.
        assertThat(BERLIN.between(Instant.parse("2026-11-27T16:00:00Z"), Instant.parse("2026-11-30T09:00:00Z")))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void alwaysCountsEveryHourWeekendsIncluded() {
        assertThat(BusinessCalendar.always().add(Instant.parse("2026-11-28T10:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    @Test
    void splitDaysAndSaturdaysAreRead() {
        BusinessCalendar split = BusinessCalendar.of(
                "Europe/Rome", "mon-fri 09:00-13:00; mon-fri 14:00-18:00; sat 10:00-12:00", Set.of());
        // Friday 12:30 Rome (11:30Z) + 3 h: 0.5 h to 13:00, 4 h in the afternoon → 16:30 (15:30Z).
        assertThat(split.add(Instant.parse("2026-11-27T11:30:00Z"), Duration.ofHours(3)))
                .isEqualTo(Instant.parse("2026-11-27T15:30:00Z"));
        // Friday 17:00 + 3 h: 1 h Friday, 2 h Saturday → Saturday 12:00 (11:00Z).
        assertThat(split.add(Instant.parse("2026-11-27T16:00:00Z"), Duration.ofHours(3)))
                .isEqualTo(Instant.parse("2026-11-28T11:00:00Z"));
    }

    @Test
    void unreadableHoursNameTheField() {
        assertThatThrownBy(() -> BusinessCalendar.of("Europe/Berlin", "weekdays 9 to 5", Set.of()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("hours");
        assertThatThrownBy(() -> BusinessCalendar.of("Mars/Olympus", "mon 09:00-10:00", Set.of()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("timeZone");
    }

    @Test
    void overlappingAndRepeatedHoursOfADayAreCountedOnce() {
        BusinessCalendar messy = BusinessCalendar.of(
                "Europe/Berlin",
                "mon-fri 09:00-13:00; mon-fri 12:00-18:00; mon 09:00-18:00; mon 10:00-11:00",
                Set.of());
        // Monday 09:00-18:00 Berlin is 9 hours, not 9 + 4 + 6 + 1.
        assertThat(messy.between(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T17:00:00Z")))
                .isEqualTo(Duration.ofHours(9));
        // Monday 10:00 + 9 h: 8 h on Monday, 1 h on Tuesday → Tuesday 10:00 (09:00Z).
        assertThat(messy.add(Instant.parse("2026-11-23T09:00:00Z"), Duration.ofHours(9)))
                .isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        // Touching times join too: 09:00-12:00 and 12:00-18:00 is one opening.
        BusinessCalendar touching = BusinessCalendar.of("Europe/Berlin", "mon 09:00-12:00; mon 12:00-18:00", Set.of());
        assertThat(touching.add(Instant.parse("2026-11-23T08:00:00Z"), Duration.ofHours(9)))
                .isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    }

    @Test
    void anAgentsRepeatedWorkingHoursAreOpenExactlyWhenAnyOfThemIs() {
        // Working hours of agents are read by the same calendar (always with no holidays).
        BusinessCalendar agent = BusinessCalendar.of(
                "America/New_York", "mon-fri 08:00-12:00; mon-fri 11:00-16:00; wed 08:00-16:00", Set.of());
        assertThat(agent.isOpen(Instant.parse("2026-11-25T13:00:00Z"))).isTrue(); // Wed 08:00 New York
        assertThat(agent.isOpen(Instant.parse("2026-11-25T20:59:00Z"))).isTrue(); // Wed 15:59
        assertThat(agent.isOpen(Instant.parse("2026-11-25T21:00:00Z"))).isFalse(); // Wed 16:00
        assertThat(agent.isOpen(Instant.parse("2026-11-28T15:00:00Z"))).isFalse(); // Saturday
        assertThat(agent.between(Instant.parse("2026-11-25T05:00:00Z"), Instant.parse("2026-11-26T05:00:00Z")))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void anOpeningTimeInTheDaylightSavingGapStartsWhenTheClocksJump() {
        // Berlin skips 02:00-03:00 on Sunday 29 March 2026; the first valid instant is 03:00 CEST = 01:00Z.
        BusinessCalendar early = BusinessCalendar.of("Europe/Berlin", "sun 02:30-05:00", Set.of());
        assertThat(early.isOpen(Instant.parse("2026-03-29T00:59:00Z"))).isFalse();
        assertThat(early.isOpen(Instant.parse("2026-03-29T01:00:00Z"))).isTrue();
        assertThat(early.add(Instant.parse("2026-03-28T22:00:00Z"), Duration.ofMinutes(30)))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(early.between(Instant.parse("2026-03-28T22:00:00Z"), Instant.parse("2026-03-29T05:00:00Z")))
                .isEqualTo(Duration.ofHours(2));
        // On an ordinary Sunday the same hours are 2.5 h long.
        assertThat(early.between(Instant.parse("2026-03-22T00:00:00Z"), Instant.parse("2026-03-22T05:00:00Z")))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void timesOutOfRangeAreFieldErrorsNotCrashes() {
        for (String hours : new String[] {
            "mon 09:00-25:00",
            "mon 24:00-24:00",
            "mon 09:60-10:00",
            "mon 99:00-10:00",
            "mon 09:00-24:30",
            "mon-xyz 09:00-10:00"
        }) {
            assertThatThrownBy(() -> BusinessCalendar.of("Europe/Berlin", hours, Set.of()))
                    .as(hours)
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.errors())
                                    .singleElement()
                                    .satisfies(f -> assertThat(f.field()).isEqualTo("hours")));
        }
        assertThatThrownBy(() -> BusinessCalendar.of(null, "mon 09:00-10:00", Set.of()))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("timeZone"));
        assertThatThrownBy(() -> BusinessCalendar.of("UTC", "mon 09:00-10:00;".repeat(200), Set.of()))
                .isInstanceOf(InvalidInput.class);
        assertThat(BusinessCalendar.of("UTC", "mon 9:00-24:00", Set.of())
                        .between(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z")))
                .isEqualTo(Duration.ofHours(15));
    }
}
