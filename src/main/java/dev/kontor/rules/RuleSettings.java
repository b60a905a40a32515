package dev.kontor.rules;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rules settings. {@code agingInterval}: how often time rules are checked; {@code autoReplyQuietPeriod}: at most one auto-reply per ticket within it; {@code maxFiringsPerHour}: a
 * rule firing more often on one ticket is stopped (two rules undoing each other); {@code testSample}: how many recent
 * tickets a rule test looks at.
 */
@Validated
@ConfigurationProperties("kontor.rules")
public record RuleSettings(
        @NotNull @DefaultValue("1m") Duration agingInterval,
        @NotNull @DefaultValue("1h") Duration autoReplyQuietPeriod,
        @Min(1) @DefaultValue("10") int maxFiringsPerHour,
        @Min(1) @DefaultValue("500") int testSample,
        @NotNull @DefaultValue("Kontor") String autoReplyName) {}
