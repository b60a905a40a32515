package dev.kontor.channels.email;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The e-mail channel's limits and timing. {@code secretKey} (base64 of 32 bytes, from {@code KONTOR_SECRET_KEY})
 * encrypts mailbox passwords; without it a key file is created in the data folder, which suits one node only.
 * {@code processWorkers}: how many stored mails are turned into ticket messages at a time on a node.
 * {@code fetchLease}: how long a fetch holds its mailbox without a heartbeat (renewed every third of it), so a
 * fetch whose node died is taken over that much later. {@code ehloName} is the name the SMTP client greets with; empty means the domain of the mailbox's address.
 */
@Validated
@ConfigurationProperties("kontor.email")
public record EmailSettings(
        String secretKey,
        @DefaultValue("26214400") @Min(1024) long maxMessageBytes,
        @DefaultValue("500") @Min(1) @Max(10000) int fetchBatch,
        @DefaultValue("20s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("5s") Duration dispatchInterval,
        @DefaultValue("12") @Min(1) @Max(100) int maxSendAttempts,
        @DefaultValue("30s") Duration firstRetryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("5m") Duration maxIdle,
        @DefaultValue("4") @Min(0) @Max(1000) int maxIdling,
        String ehloName,
        @DefaultValue("30s") Duration fetchLease,
        @DefaultValue("4") @Min(1) @Max(64) int processWorkers) {}
