package dev.kontor.routing.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Assignment strategies: each picks one of the agents free to take the ticket, or nobody. */
public final class Strategies {

    private Strategies() {}

    /** An agent free to take a ticket now: online, in working hours, serving the client, below capacity. */
    public record Candidate(
            long userId, String name, List<String> languages, int load, Integer capacity, Instant lastAssignedAt) {}

    public interface Strategy {
        Optional<Candidate> pick(List<Candidate> free, String ticketLanguage, Long lastAssignedUserId);
    }

    /** Whether an agent can read (and answer) a ticket in a language through translation. */
    public interface Translatable {
        boolean covers(String ticketLanguage, Candidate agent);
    }

    /** Strategies for a team whose fallback needs no translation check (anyone who is free may take it). */
    public static Strategy of(String key, boolean anyLanguageFallback) {
        return of(key, anyLanguageFallback, (language, agent) -> true);
    }

    public static Strategy of(String key, boolean anyLanguageFallback, Translatable translation) {
        return switch (key) {
            case "round_robin" -> new RoundRobin();
            case "least_loaded" -> new LeastLoaded();
            case "language" -> new LanguageSkill(anyLanguageFallback, translation);
            default -> (free, language, last) -> Optional.empty();
        };
    }

    /** The next agent after the one who got the team's last ticket, by user id, wrapping around. */
    record RoundRobin() implements Strategy {
        @Override
        public Optional<Candidate> pick(List<Candidate> free, String language, Long last) {
            List<Candidate> byId = free.stream()
                    .sorted(Comparator.comparingLong(Candidate::userId))
                    .toList();
            return byId.stream()
                    .filter(c -> last == null || c.userId() > last)
                    .findFirst()
                    .or(() -> byId.stream().findFirst());
        }
    }

    /** Fewest new and open tickets; on a tie, the one who waited longest for a ticket. */
    record LeastLoaded() implements Strategy {
        static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::load)
                .thenComparing(c -> c.lastAssignedAt() == null ? Instant.EPOCH : c.lastAssignedAt())
                .thenComparingLong(Candidate::userId);

        @Override
        public Optional<Candidate> pick(List<Candidate> free, String language, Long last) {
            return free.stream().min(ORDER);
        }
    }

    /**
     * An agent who speaks the ticket's language, least loaded first. Nobody free speaks it: when the team answers
     * through translation ({@code anyLanguageFallback}), any agent for whom translation covers the ticket's language
     * into theirs, else the ticket waits for a speaker. A ticket in no known language goes to anyone.
     */
    record LanguageSkill(boolean anyLanguageFallback, Translatable translation) implements Strategy {
        @Override
        public Optional<Candidate> pick(List<Candidate> free, String language, Long last) {
            if (language == null || language.equals("unknown")) {
                return free.stream().min(LeastLoaded.ORDER);
            }
            Optional<Candidate> speaker =
                    free.stream().filter(c -> c.languages().contains(language)).min(LeastLoaded.ORDER);
            if (speaker.isPresent() || !anyLanguageFallback) {
                return speaker;
            }
            return free.stream().filter(c -> translation.covers(language, c)).min(LeastLoaded.ORDER);
        }
    }
}
