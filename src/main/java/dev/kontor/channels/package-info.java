/**
 * Channels at the edge: each turns what a channel delivers into {@code TicketManagement.ingest} calls and sends
 * replies back. The API channel ({@code POST /api/v1/inbound-messages}) serves web forms and custom integrations.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"tickets", "orders", "clients", "customers", "accounts", "shared"})
package dev.kontor.channels;
