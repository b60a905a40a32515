package dev.kontor.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.routing.internal.Strategies.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each strategy picks one of the agents free now, or nobody, from only what it is given. */
class StrategiesUnitTests {

    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    static Candidate agent(long id, int load, Instant lastAssigned, String... languages) {
        return new Candidate(id, "Agent " + id, List.of(languages), load, null, lastAssigned);
    }

    static Optional<Long> pick(String strategy, boolean fallback, List<Candidate> free, String language, Long last) {
        return Strategies.of(strategy, fallback).pick(free, language, last).map(Candidate::userId);
    }

    @Test
    void roundRobinTakesTheNextAgentAfterTheLastOneAndWrapsAround() {
        List<Candidate> free = List.of(agent(30, 0, null), agent(10, 0, null), agent(20, 0, null));

        assertThat(pick("round_robin", false, free, "de", null)).contains(10L);
        assertThat(pick("round_robin", false, free, "de", 10L)).contains(20L);
        assertThat(pick("round_robin", false, free, "de", 25L))
                .as("the last one went offline")
                .contains(30L);
        assertThat(pick("round_robin", false, free, "de", 30L)).contains(10L);
    }

    @Test
    void leastLoadedPrefersFewestTicketsThenWhoeverWaitedLongest() {
        Candidate busy = agent(1, 3, T0);
        Candidate waitedLong = agent(2, 1, T0.minusSeconds(600));
        Candidate justGotOne = agent(3, 1, T0);
        Candidate neverGotOne = agent(4, 1, null);

        assertThat(pick("least_loaded", false, List.of(busy, justGotOne, waitedLong), "de", null))
                .contains(2L);
        assertThat(pick("least_loaded", false, List.of(busy, justGotOne, waitedLong, neverGotOne), "de", null))
                .contains(4L);
    }

    @Test
    void languageSkillWaitsForASpeakerUnlessTheTeamTranslates() {
        Candidate french = agent(1, 5, null, "fr", "en");
        Candidate german = agent(2, 0, null, "de", "en");

        assertThat(pick("language", false, List.of(french, german), "fr", null))
                .as("the speaker, though busier")
                .contains(1L);
        assertThat(pick("language", false, List.of(french, german), "it", null)).isEmpty();
        assertThat(pick("language", true, List.of(french, german), "it", null)).contains(2L);
        assertThat(pick("language", false, List.of(french, german), "unknown", null))
                .as("no known language: anyone")
                .contains(2L);
    }

    @Test
    void manualAndNobodyFreePickNobody() {
        assertThat(pick("manual", true, List.of(agent(1, 0, null, "de")), "de", null))
                .isEmpty();
        for (String strategy : List.of("round_robin", "least_loaded", "language")) {
            assertThat(pick(strategy, true, List.of(), "de", 1L)).as(strategy).isEmpty();
        }
    }

    @Test
    void theTranslationFallbackHandsOnlyToAgentsWhoseLanguageTranslationCovers() {
        Candidate french = agent(1, 0, null, "fr");
        Candidate english = agent(2, 3, null, "en");
        Strategies.Translatable itToEnglishOnly = (language, agent) ->
                language.equals("it") && agent.languages().get(0).equals("en");

        assertThat(Strategies.of("language", true, itToEnglishOnly)
                        .pick(List.of(french, english), "it", null)
                        .map(Candidate::userId))
                .as("the less loaded French agent cannot read Italian through translation")
                .contains(2L);
        assertThat(Strategies.of("language", true, itToEnglishOnly).pick(List.of(french), "it", null))
                .isEmpty();
        assertThat(Strategies.of("language", false, itToEnglishOnly).pick(List.of(french, english), "it", null))
                .as("no fallback: waits for a speaker")
                .isEmpty();
    }
}
