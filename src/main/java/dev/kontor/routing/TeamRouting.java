package dev.kontor.routing;

import java.util.List;

/**
 * How a team's queue is handed out: manual (agents pick), round_robin, least_loaded or language (an agent who
 * speaks the ticket's language; with {@code anyLanguageFallback}, when no speaker is free, any agent for whom
 * translation covers the ticket's language into theirs — for teams that answer through translation).
 */
public record TeamRouting(long teamId, String teamName, String strategy, boolean anyLanguageFallback, int waiting) {

    /** The strategies a team (or a rule handing out a ticket) may use. */
    public static final List<String> STRATEGIES = List.of("manual", "round_robin", "least_loaded", "language");
}
