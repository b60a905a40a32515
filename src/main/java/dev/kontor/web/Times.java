package dev.kontor.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Times as the user reads them: in the zone their browser reports (the {@code kontor_tz} cookie that kontor.js
 * sets), UTC until it has. Templates: {@code @times.format(t, 'yyyy-MM-dd HH:mm')}.
 */
@Component("times")
public class Times {

    static final String COOKIE = "kontor_tz";

    public String format(Instant at, String pattern) {
        if (at == null) {
            return "";
        }
        return DateTimeFormatter.ofPattern(pattern).withZone(zone()).format(at);
    }

    /** The user's zone; a missing or unknown cookie value is UTC, never an error. */
    public ZoneId zone() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return ZoneOffset.UTC;
        }
        return zoneOf(attributes.getRequest());
    }

    static ZoneId zoneOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())
                        && c.getValue() != null
                        && c.getValue().length() <= 64) {
                    try {
                        return ZoneId.of(c.getValue());
                    } catch (DateTimeException e) {
                        return ZoneOffset.UTC;
                    }
                }
            }
        }
        return ZoneOffset.UTC;
    }
}
