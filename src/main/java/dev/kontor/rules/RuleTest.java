package dev.kontor.rules;

import java.util.List;

/** A rule tried against recent tickets before saving: how many it would match, and some of them. */
public record RuleTest(int tested, int matched, List<Match> sample) {

    public record Match(long ticketId, long number, String subject) {}
}
