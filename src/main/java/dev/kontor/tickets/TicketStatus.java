package dev.kontor.tickets;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The life of a ticket. Which moves are legal is decided here, and only here. */
public enum TicketStatus {
    NEW,
    OPEN,
    PENDING,
    ON_HOLD,
    SOLVED,
    CLOSED;

    /** Statuses in which a ticket still needs work: the "open" inbox views show these. */
    public static final Set<TicketStatus> UNRESOLVED = EnumSet.of(NEW, OPEN, PENDING, ON_HOLD);

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TicketStatus> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    public boolean canMoveTo(TicketStatus target) {
        return switch (this) {
            case NEW -> target == OPEN || target == PENDING || target == ON_HOLD || target == SOLVED;
            case OPEN -> target == PENDING || target == ON_HOLD || target == SOLVED;
            case PENDING -> target == OPEN || target == ON_HOLD || target == SOLVED;
            case ON_HOLD -> target == OPEN || target == PENDING || target == SOLVED;
            case SOLVED -> target == OPEN || target == CLOSED;
            case CLOSED -> false;
        };
    }

    public Set<TicketStatus> nextStatuses() {
        EnumSet<TicketStatus> next = EnumSet.noneOf(TicketStatus.class);
        for (TicketStatus s : values()) {
            if (canMoveTo(s)) {
                next.add(s);
            }
        }
        return next;
    }
}
