package dev.kontor.rules;

/**
 * How a team's queue is handed out: manual (agents pick), round_robin, least_loaded or language (an agent who
 * speaks the ticket's language; with {@code anyLanguageFallback}, anyone when no speaker is free — for teams that
 * answer through translation).
 */
public record TeamRouting(long teamId, String teamName, String strategy, boolean anyLanguageFallback, int waiting) {}
