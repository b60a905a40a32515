package dev.kontor.translation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How {@link Translations} retries a provider that is rate limited or down before it moves on to the next one.
 *
 * @param attempts calls per provider and request, the first included
 * @param backoff the wait before the first retry when the provider names none; doubled for each further retry
 * @param maxWait the longest wait accepted; a provider asking for more is skipped for the next one at once
 */
@Validated
@ConfigurationProperties("kontor.translation.retry")
public record TranslationRetrySettings(
        @DefaultValue("3") @Min(1) @Max(10) int attempts,
        @DefaultValue("500ms") Duration backoff,
        @DefaultValue("10s") Duration maxWait) {}
