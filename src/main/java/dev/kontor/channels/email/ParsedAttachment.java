package dev.kontor.channels.email;

/** A file from an e-mail; {@code inline} parts (images in the HTML) carry their Content-ID. */
public record ParsedAttachment(String filename, String contentType, byte[] content, boolean inline, String contentId) {}
