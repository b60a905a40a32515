/**
 * Rules and routing: event rules (triggers, conditions grouped by all/any, actions, in order with stop-processing),
 * time rules that fire once per ticket and episode on one node, team queues handed out by a strategy (round robin,
 * least loaded, language skill) to available agents, and the record of what fired on each ticket.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"tickets", "triage", "sla", "orders", "clients", "customers", "accounts", "shared"})
package dev.kontor.rules;
