package dev.kontor.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long audit entries are kept ({@code retention}; 0 keeps them for ever), and how often old ones are deleted.
 * Two years by default: long enough for a yearly access review and the one before it.
 */
@ConfigurationProperties("kontor.audit")
public record AuditSettings(
        @DefaultValue("730d") Duration retention,
        @DefaultValue("1d") Duration pruneInterval) {

    public AuditSettings {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("kontor.audit.retention must not be negative");
        }
    }
}
