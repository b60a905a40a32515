/**
 * Rules: event rules (triggers, conditions grouped by all/any, actions, in order with stop-processing), time rules
 * that fire once per ticket and episode on one node, the notifications they send, and the record of what fired on
 * each ticket. A rule decides which team a ticket goes to; routing places it there and hands it out.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "tickets",
            "routing",
            "triage",
            "sla",
            "orders",
            "clients",
            "customers",
            "accounts",
            "answers",
            "shared"
        })
package dev.kontor.rules;
