package dev.kontor.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * History imports.
 *
 * @param batchTickets tickets written per transaction (and per checkpoint)
 * @param batchMessages a batch also ends once it holds this many messages
 * @param partBytes the size of the parts an upload is stored in
 * @param maxFileBytes the largest file one import takes (all its parts)
 * @param maxErrorsKept errors kept per import with their line and field; later ones are only counted
 * @param lease how long a node holds a running import without renewing it; a crashed node's import is taken over
 *     after this
 * @param poll how often each node looks for an import to run
 */
@Validated
@ConfigurationProperties("kontor.imports")
public record ImportSettings(
        @DefaultValue("500") @Min(1) @Max(5000) int batchTickets,
        @DefaultValue("4000") @Min(1) int batchMessages,
        @DefaultValue("8388608") @Min(1024) int partBytes,
        @DefaultValue("21474836480") @Min(1024) long maxFileBytes,
        @DefaultValue("1000") @Min(0) int maxErrorsKept,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("1s") Duration poll) {}
