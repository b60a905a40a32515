package dev.kontor.drafts;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The install's model for drafts: any OpenAI-compatible chat endpoint. Without a base URL (the default) there is no
 * model and every draft is the category's template.
 *
 * @param baseUrl the endpoint up to and including {@code /v1}, e.g. {@code http://localhost:11434/v1} (Ollama)
 * @param apiKey the key, from the environment only; local servers ignore it
 * @param model the model's name at that endpoint
 * @param timeout how long an agent waits for a draft before getting the template
 * @param maxTokens the longest reply the model may write
 * @param temperature low: drafts should repeat the sources, not invent
 * @param location local (the data stays in the house) or cloud; clients may forbid cloud models
 * @param maxRetries retries of a 429 or 5xx (the client waits what Retry-After asks) before the template is used
 */
@Validated
@ConfigurationProperties("kontor.drafts")
public record DraftSettings(
        String baseUrl,
        String apiKey,
        @NotNull @DefaultValue("llama3.1") String model,
        @NotNull @DefaultValue("30s") Duration timeout,
        @DefaultValue("800") @Min(50) int maxTokens,
        @DefaultValue("0.2") double temperature,
        @NotNull @DefaultValue("local") Location location,
        @DefaultValue("1") @Min(0) int maxRetries) {

    public enum Location {
        LOCAL,
        CLOUD
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
