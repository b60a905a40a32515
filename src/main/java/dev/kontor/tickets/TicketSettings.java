package dev.kontor.tickets;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one message may carry, and how long a paged ticket list stays consistent: a cursor older than
 * {@code pagingSnapshotRetention} is refused (start again from the first page).
 */
@Validated
@ConfigurationProperties("kontor.tickets")
public record TicketSettings(
        @DefaultValue("10485760") @Min(1024) long maxAttachmentBytes,
        @DefaultValue("20") @Min(0) @Max(200) int maxAttachmentsPerMessage,
        @DefaultValue("100000") @Min(1000) int maxBodyChars,
        @DefaultValue("2h") Duration pagingSnapshotRetention) {}
