package dev.kontor.clients;

import java.time.Instant;

public record ClientView(long id, String key, String name, boolean active, Instant createdAt) {}
