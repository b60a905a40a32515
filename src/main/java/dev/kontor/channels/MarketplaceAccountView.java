package dev.kontor.channels;

import java.time.Instant;

/**
 * A marketplace account as admins see it (the API key never leaves the module). {@code alert} is {@code auth}
 * when the marketplace refused the key: polling stops until the key is changed. {@code blockedUntil}: no call
 * before then (the marketplace asked to wait, or backoff after failures).
 */
public record MarketplaceAccountView(
        long id,
        long channelId,
        long clientId,
        long storeId,
        String kind,
        String name,
        String operatorName,
        String baseUrl,
        Long shopId,
        boolean copyOperator,
        int pollSeconds,
        boolean paused,
        Instant cursor,
        Instant lastPollAt,
        Instant lastSuccessAt,
        String lastError,
        Instant lastErrorAt,
        int consecutiveFailures,
        String alert,
        Instant blockedUntil,
        int threads) {

    public boolean failing() {
        return lastError != null;
    }

    public boolean keyRefused() {
        return "auth".equals(alert);
    }
}
