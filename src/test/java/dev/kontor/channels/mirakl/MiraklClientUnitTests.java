package dev.kontor.channels.mirakl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MiraklClientUnitTests {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void retryAfterInSecondsIsHonoured() {
        assertThat(MiraklClient.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterAsAnHttpDateCountsFromNow() {
        assertThat(MiraklClient.retryAfter("Wed, 25 Nov 2026 10:05:00 GMT", NOW))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void missingOrUnreadableRetryAfterWaitsAMinute() {
        assertThat(MiraklClient.retryAfter(null, NOW)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MiraklClient.retryAfter("soon", NOW)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRetryAfterInThePastStillWaitsASecond() {
        assertThat(MiraklClient.retryAfter("Wed, 25 Nov 2026 09:00:00 GMT", NOW))
                .isEqualTo(Duration.ofSeconds(1));
    }
}
