package dev.kontor.tickets;

/** Where an inbound message went; {@code duplicate} when its external id was seen before and nothing was stored. */
public record IngestResult(long ticketId, long messageId, boolean ticketCreated, boolean duplicate) {}
