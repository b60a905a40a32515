package dev.kontor.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Short ages for dense lists ("4m", "3 Std.", "12 j") in the user's language. Templates: {@code @ago.of(t)}. */
@Component("ago")
public class Ago {

    private final Clock clock;
    private final MessageSource messages;

    Ago(Clock clock, MessageSource messages) {
        this.clock = clock;
        this.messages = messages;
    }

    public String of(Instant at) {
        if (at == null) {
            return "";
        }
        Duration d = Duration.between(at, clock.instant());
        if (d.isNegative() || d.toMinutes() < 1) {
            return text("ago.now", 0);
        }
        if (d.toHours() < 1) {
            return text("ago.minutes", d.toMinutes());
        }
        if (d.toDays() < 1) {
            return text("ago.hours", d.toHours());
        }
        if (d.toDays() < 365) {
            return text("ago.days", d.toDays());
        }
        return text("ago.years", d.toDays() / 365);
    }

    private String text(String key, long amount) {
        return messages.getMessage(key, new Object[] {amount}, LocaleContextHolder.getLocale());
    }
}
