package dev.kontor.sla;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code warningBefore}: warn this long before a deadline (at most a quarter of its target);
 * {@code cancellationMargin}: a cancellation must be answered this long before the order's shipping deadline;
 * {@code cancellationTarget}: the response target of a cancellation when no policy has a shorter one;
 * {@code scanInterval}: how often the watcher looks for warnings and breaches.
 */
@ConfigurationProperties("kontor.sla")
public record SlaSettings(
        @DefaultValue("30m") Duration warningBefore,
        @DefaultValue("1h") Duration cancellationMargin,
        @DefaultValue("2h") Duration cancellationTarget,
        @DefaultValue("30s") Duration scanInterval) {}
