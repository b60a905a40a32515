package dev.kontor.rules.internal;

import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketStatus;
import java.util.List;

/** A compiled action. {@link Effects} carries them out. */
public sealed interface Act {

    record SetCategory(String category) implements Act {}

    record SetPriority(Priority priority) implements Act {}

    record AddTags(List<String> tags) implements Act {}

    record RemoveTags(List<String> tags) implements Act {}

    /** Into the team's queue; a team with an automatic strategy hands it out at once. */
    record SetTeam(long teamId) implements Act {}

    record AssignAgent(long userId) implements Act {}

    /** Into the team's queue and handed out with this strategy, whatever the team's own. */
    record AssignBy(long teamId, String strategy) implements Act {}

    record Unassign() implements Act {}

    record SetStatus(TicketStatus status) implements Act {}

    record ApplySlaPolicy(long policyId) implements Act {}

    record AddNote(String text) implements Act {}

    /** To the customer, never to an auto-reply or a bounce, at most once per quiet period per ticket. */
    record AutoReply(String text) implements Act {}

    /**
     * A client's template, filled for the ticket in the customer's language, sent like {@link AutoReply} and under
     * the same guards; never with a placeholder left empty.
     */
    record ReplyWithTemplate(long templateId) implements Act {}

    /** Recipients: user ids, "assignee", "team". */
    record Notify(List<String> recipients, String text) implements Act {}
}
