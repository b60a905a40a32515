package dev.kontor.simulator;

/** A file a customer attaches or a seller posts. */
public record SimAttachment(String name, byte[] content) {}
