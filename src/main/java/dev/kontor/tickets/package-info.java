/**
 * The ticket aggregate: tickets, messages, notes and attachments, the status machine, assignment and tags, the
 * inbox queries, and the live feed of ticket changes. Channels feed it through {@link TicketManagement#ingest};
 * changes go through {@link TicketManagement}, reads through {@link TicketQueries}, SQL stays in {@code domain}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"clients", "customers", "accounts", "shared"})
package dev.kontor.tickets;
