package dev.kontor.interpreting;

import dev.kontor.shared.LanguageCode;
import dev.kontor.tickets.TicketView;
import java.util.List;

/**
 * Who reads a ticket: the languages they read, and the one translations are made into (the first of them). A
 * ticket in a language they read at all is shown as written.
 */
public record Reader(String language, List<String> languages) {

    public Reader {
        languages = List.copyOf(languages);
    }

    /** Whether this reader reads the ticket through translation. */
    public boolean readsThroughTranslation(TicketView ticket) {
        return LanguageCode.isKnown(ticket.language())
                && !ticket.language().equals(language)
                && !languages.contains(ticket.language());
    }
}
