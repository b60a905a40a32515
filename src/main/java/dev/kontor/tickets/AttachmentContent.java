package dev.kontor.tickets;

public record AttachmentContent(String filename, String contentType, byte[] content) {}
