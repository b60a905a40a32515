package dev.kontor.translation.provider;

/**
 * Everything needed to build one provider's adapter, whichever the kind: fields a kind does not use are ignored.
 *
 * @param kind the adapter: deepl, google, google-basic, azure, amazon, libretranslate, apertium or openai
 * @param key the main credential (DeepL auth key, Google access token or API key, Azure key, Amazon access key id,
 *     LibreTranslate or chat endpoint API key)
 * @param secret the second credential (Amazon secret access key)
 * @param selfHosted for a chat endpoint or LibreTranslate: whether texts stay on the install's own servers
 */
public record ProviderConfig(
        String kind,
        String url,
        String region,
        String project,
        String location,
        String model,
        boolean selfHosted,
        String key,
        String secret) {}
