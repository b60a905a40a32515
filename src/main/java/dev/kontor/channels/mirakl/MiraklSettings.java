package dev.kontor.channels.mirakl;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of the Mirakl connector. {@code pollMargin}: each poll re-reads threads updated this long before the last
 * one seen, since a thread's update time can be committed late on Mirakl's side. Failed polls back off from
 * {@code firstBackoff} doubling to {@code maxBackoff}; replies retry from {@code firstRetryDelay} to
 * {@code maxRetryDelay}, {@code maxSendAttempts} times.
 */
@ConfigurationProperties("kontor.mirakl")
public record MiraklSettings(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("5m") Duration pollMargin,
        @DefaultValue("100") int pageLimit,
        @DefaultValue("1m") Duration firstBackoff,
        @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("30s") Duration firstRetryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("12") int maxSendAttempts,
        @DefaultValue("10m") Duration pollLease) {}
