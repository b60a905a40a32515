package dev.kontor.tickets;

import dev.kontor.tickets.domain.Ticket;
import java.util.List;

/** The rules tags follow (letters, digits, _ : . -, lower case, at most 50 characters and 30 per ticket). */
public final class Tags {

    private Tags() {}

    /** Lower-cased, de-duplicated tags; throws {@code InvalidInput} on field "tags" naming the bad one. */
    public static List<String> normalize(List<String> raw) {
        return Ticket.normalizeTags(raw);
    }
}
