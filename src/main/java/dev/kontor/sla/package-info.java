/**
 * SLA: calendars (business hours, holidays, time zone per client, or 24/7), policies matching tickets by client,
 * store, channel, category, tag, customer tier and priority with first-response, next-response and resolution
 * targets, marketplace clocks, the cancellation guard, each ticket's deadlines (kept on the ticket for the
 * queue) and the warnings and breaches raised once each.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"tickets", "orders", "clients", "customers", "accounts", "shared"})
package dev.kontor.sla;
