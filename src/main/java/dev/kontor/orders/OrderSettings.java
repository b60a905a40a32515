package dev.kontor.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a snapshot is refreshed: on opening the ticket once it is older than {@code refreshAfter}; when the ticket
 * changes once it is older than {@code minRefreshInterval} (marketplaces ask for few order calls).
 */
@ConfigurationProperties("kontor.orders")
public record OrderSettings(
        @DefaultValue("10m") Duration refreshAfter,
        @DefaultValue("1m") Duration minRefreshInterval) {}
