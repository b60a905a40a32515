package dev.kontor.answers;

import java.util.List;

/** What happened with answers. */
public final class AnswerEvents {

    private AnswerEvents() {}

    /** An agent applied a macro to a ticket; {@code changes} are what it did ("tags+:x", "status:solved", ...). */
    public record MacroApplied(long ticketId, long clientId, long macroId, Long userId, List<String> changes) {}
}
