package dev.kontor.channels.api;

record InboundMessageResponse(long ticketId, long messageId) {}
