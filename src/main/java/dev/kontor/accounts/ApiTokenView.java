package dev.kontor.accounts;

import java.time.Instant;

/** A token as listed; {@code token} is set only in the answer that created it, and never again. */
public record ApiTokenView(long id, long userId, String name, Instant createdAt, Instant lastUsedAt, String token) {}
