package dev.kontor.routing;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Routing settings. {@code drainInterval}: how often team queues are offered to agents who became free for reasons
 * no event tells of (working hours beginning, capacity raised); an agent going online or closing a ticket is
 * offered the queue at once.
 */
@Validated
@ConfigurationProperties("kontor.routing")
public record RoutingSettings(@NotNull @DefaultValue("1m") Duration drainInterval) {}
