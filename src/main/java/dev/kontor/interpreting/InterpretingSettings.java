package dev.kontor.interpreting;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Background translation of customer messages.
 *
 * @param workInterval how often due translations are picked up
 * @param firstRetry the wait after the first retryable failure; it doubles with each further one
 * @param maxRetryDelay the longest wait between tries
 * @param maxAttempts tries before a translation that keeps failing is marked failed (an agent may still retry)
 * @param batch translations made per pick-up
 */
@Validated
@ConfigurationProperties("kontor.interpreting")
public record InterpretingSettings(
        @DefaultValue("2s") Duration workInterval,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("6") @Min(1) int maxAttempts,
        @DefaultValue("20") @Min(1) int batch) {}
