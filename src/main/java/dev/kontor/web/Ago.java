package dev.kontor.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Short ages for dense lists: "4m", "3h", "12d". Used in templates as {@code @ago.of(t)}. */
@Component("ago")
public class Ago {

    private final Clock clock;

    Ago(Clock clock) {
        this.clock = clock;
    }

    public String of(Instant at) {
        if (at == null) {
            return "";
        }
        Duration d = Duration.between(at, clock.instant());
        if (d.isNegative() || d.toMinutes() < 1) {
            return "now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "m";
        }
        if (d.toDays() < 1) {
            return d.toHours() + "h";
        }
        if (d.toDays() < 365) {
            return d.toDays() + "d";
        }
        return (d.toDays() / 365) + "y";
    }
}
