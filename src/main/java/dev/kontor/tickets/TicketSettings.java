package dev.kontor.tickets;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Limits on what one message may carry. */
@Validated
@ConfigurationProperties("kontor.tickets")
public record TicketSettings(
        @DefaultValue("10485760") @Min(1024) long maxAttachmentBytes,
        @DefaultValue("20") @Min(0) @Max(200) int maxAttachmentsPerMessage,
        @DefaultValue("100000") @Min(1000) int maxBodyChars) {}
