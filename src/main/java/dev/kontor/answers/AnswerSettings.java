package dev.kontor.answers;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Answers.
 *
 * @param zone the zone dates in answers are written in (customers do not tell theirs)
 * @param sourceLanguage the variant a missing language is translated from when it exists (else the first one)
 * @param searchLimit templates shown per composer search
 */
@Validated
@ConfigurationProperties("kontor.answers")
public record AnswerSettings(
        @NotNull @DefaultValue("Europe/Berlin") ZoneId zone,
        @NotNull @DefaultValue("en") String sourceLanguage,
        @DefaultValue("8") @Min(1) int searchLimit) {}
