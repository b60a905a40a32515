package dev.kontor.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Failed event listeners (an SLA recompute, a notification, a marketplace reply...) are tried again by one node
 * every {@code interval}: first {@code firstBackoff} after the failure, then twice as long each time, at most
 * {@code maxBackoff} apart. Publications a dead node left in progress are marked failed by Spring Modulith's
 * staleness monitor ({@code spring.modulith.events.staleness.*}) and so come back here too.
 */
@Validated
@ConfigurationProperties("kontor.events.retry")
public record EventRetrySettings(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("30s") Duration firstBackoff,
        @DefaultValue("1h") Duration maxBackoff) {}
