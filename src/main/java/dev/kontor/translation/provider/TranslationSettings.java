package dev.kontor.translation.provider;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The install's own translation providers from the environment. A provider is configured when its key (or, for
 * self-hosted ones, its URL) is set; keys come from the environment (e.g. {@code KONTOR_TRANSLATION_DEEPL_AUTHKEY}),
 * never from files in the repository. Each appears as a read-only provider account named after its kind (e.g.
 * {@code deepl}) next to the accounts admins store in the database; the timeouts apply to every account.
 *
 * @param connectTimeout how long to wait for a provider's connection
 * @param readTimeout how long to wait for a provider's answer (chat models are slow: raise it for local ones)
 */
@Validated
@ConfigurationProperties("kontor.translation")
record TranslationSettings(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue DeepL deepl,
        @DefaultValue Google google,
        @DefaultValue GoogleBasic googleBasic,
        @DefaultValue Azure azure,
        @DefaultValue Amazon amazon,
        @DefaultValue LibreTranslate libretranslate,
        @DefaultValue Apertium apertium,
        @DefaultValue OpenAi openai) {

    static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * DeepL API v2 (cloud).
     *
     * @param authKey the authentication key; keys ending in {@code :fx} belong to the Free plan and its host
     * @param url the API host, when not the one the key's plan implies
     */
    record DeepL(
            String authKey,
            String url,
            @DefaultValue("50") @Min(1) @Max(50) int batchSize) {
        boolean configured() {
            return set(authKey);
        }

        String baseUrl() {
            if (set(url)) {
                return url;
            }
            return authKey.endsWith(":fx") ? "https://api-free.deepl.com" : "https://api.deepl.com";
        }
    }

    /**
     * Google Cloud Translation v3 (cloud), with an OAuth 2 access token (e.g. from {@code gcloud auth
     * print-access-token}; tokens are short-lived: minting them from a service account comes later).
     */
    record Google(
            String project,
            @DefaultValue("global") String location,
            String accessToken,

            @DefaultValue("https://translation.googleapis.com")
            String url,

            @DefaultValue("1024") @Min(1) @Max(1024) int batchSize) {
        boolean configured() {
            return set(project) && set(accessToken);
        }
    }

    /** Google Cloud Translation v2 ("Basic", cloud) with an API key. */
    record GoogleBasic(
            String apiKey,

            @DefaultValue("https://translation.googleapis.com")
            String url,

            @DefaultValue("128") @Min(1) @Max(128) int batchSize) {
        boolean configured() {
            return set(apiKey);
        }
    }

    /** Azure AI Translator v3 (cloud); the region is required for regional and multi-service resources. */
    record Azure(
            String key,
            String region,

            @DefaultValue("https://api.cognitive.microsofttranslator.com")
            String url,

            @DefaultValue("1000") @Min(1) @Max(1000) int batchSize) {
        boolean configured() {
            return set(key);
        }
    }

    /** Amazon Translate (cloud), signed with AWS Signature Version 4. */
    record Amazon(String accessKeyId, String secretAccessKey, String sessionToken, String region, String url) {
        boolean configured() {
            return set(accessKeyId) && set(secretAccessKey) && set(region);
        }

        String endpoint() {
            return set(url) ? url : "https://translate." + region + ".amazonaws.com";
        }
    }

    /** LibreTranslate (self-hosted), e.g. {@code http://localhost:5000}; the key only if the server requires one. */
    record LibreTranslate(
            String url,
            String apiKey,
            @DefaultValue("50") @Min(1) int batchSize) {
        boolean configured() {
            return set(url);
        }
    }

    /** Apertium's APY server (self-hosted), e.g. {@code http://localhost:2737}. */
    record Apertium(String url) {
        boolean configured() {
            return set(url);
        }
    }

    /**
     * An OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp's server, or a cloud one).
     *
     * @param url the base URL without {@code /v1}, e.g. {@code http://localhost:11434}
     * @param selfHosted true when the endpoint runs on the install's own infrastructure (a local model)
     */
    record OpenAi(
            String url,
            String apiKey,
            String model,
            @DefaultValue("false") boolean selfHosted,
            @DefaultValue("20") @Min(1) int batchSize) {
        boolean configured() {
            return set(url) && set(model);
        }
    }
}
