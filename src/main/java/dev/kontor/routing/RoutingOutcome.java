package dev.kontor.routing;

/** What routing did with a ticket it was asked to hand out. */
public sealed interface RoutingOutcome {

    /** An agent has the ticket (just handed out, or a member of the team had it already). */
    record Assigned(long userId, String name) implements RoutingOutcome {}

    /** In the team's queue until an agent is free. */
    record Waiting(String teamName) implements RoutingOutcome {}

    /** In the team's queue for agents to pick: the strategy is manual, or the ticket is not open. */
    record Manual(String teamName) implements RoutingOutcome {}
}
