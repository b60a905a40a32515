/**
 * Routing: team queues handed out by a strategy (round robin, least loaded, language skill) to agents available
 * now (status, working hours, capacity), agents handing their tickets back, and the drain that offers waiting
 * tickets as agents become free. Rules decide which team a ticket goes to; routing places it there.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"tickets", "sla", "accounts", "translation", "shared"})
package dev.kontor.routing;
