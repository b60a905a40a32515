package dev.kontor.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * SLA countdowns for dense lists: "in 45m" (soon: under an hour), "in 5h", "2h over" (breached), in the user's
 * language. Templates: {@code @due.text(t.slaDueAt)} and {@code @due.css(t.slaDueAt)}.
 */
@Component("due")
public class Due {

    private final Clock clock;
    private final MessageSource messages;

    Due(Clock clock, MessageSource messages) {
        this.clock = clock;
        this.messages = messages;
    }

    public String text(Instant dueAt) {
        if (dueAt == null) {
            return "";
        }
        Duration left = Duration.between(clock.instant(), dueAt);
        String amount = amount(left.abs());
        String key = left.isNegative() || left.isZero() ? "due.over" : "due.in";
        return messages.getMessage(key, new Object[] {amount}, LocaleContextHolder.getLocale());
    }

    /** due-over (breached), due-soon (under an hour), due-later. */
    public String css(Instant dueAt) {
        if (dueAt == null) {
            return "";
        }
        Duration left = Duration.between(clock.instant(), dueAt);
        if (left.isNegative() || left.isZero()) {
            return "due-over";
        }
        return left.compareTo(Duration.ofHours(1)) <= 0 ? "due-soon" : "due-later";
    }

    private String amount(Duration d) {
        String key;
        long n;
        if (d.toMinutes() < 60) {
            key = "ago.minutes";
            n = Math.max(1, d.toMinutes());
        } else if (d.toHours() < 48) {
            key = "ago.hours";
            n = d.toHours();
        } else {
            key = "ago.days";
            n = d.toDays();
        }
        return messages.getMessage(key, new Object[] {n}, LocaleContextHolder.getLocale());
    }
}
