package dev.kontor.tickets;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pass after ingest: how many workers each node runs, how many messages one transaction passes, how often an
 * idle worker looks for work another node stored (a message stored on this node wakes it at once), and how long a
 * failing message waits at most before it is tried again.
 */
@Validated
@ConfigurationProperties("kontor.flow")
public record MessageFlowSettings(
        @DefaultValue("2") @Min(0) @Max(32) int workers,
        @DefaultValue("64") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("500ms") Duration idlePoll,
        @DefaultValue("10m") Duration maxBackoff) {}
