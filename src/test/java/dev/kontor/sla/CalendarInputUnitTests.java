package dev.kontor.sla;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.shared.InvalidInput;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opening hours as admins type them: a time out of range is a field error on "hours", not a parse exception. */
class CalendarInputUnitTests {

    @Test
    void anHourOrMinuteOutOfRangeIsAFieldErrorOnHours() {
        for (String hours : new String[] {"mon 09:00-25:00", "tue 9:60-12:00", "wed 99:00-24:00"}) {
            assertThatThrownBy(() -> BusinessCalendar.of("Europe/Berlin", hours, Set.of()))
                    .as(hours)
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> org.assertj.core.api.Assertions.assertThat(
                                            e.errors().get(0).field())
                                    .isEqualTo("hours"));
        }
    }
}
