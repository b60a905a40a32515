package dev.kontor.translation.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.translation.ProtectingTranslator;
import dev.kontor.translation.TranslationProviders;
import dev.kontor.translation.Translator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class TranslationSettingsUnitTests {

    static TranslationSettings fromEnvironment(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", env));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("kontor.translation", TranslationSettings.class);
    }

    @Test
    void nothingSetMeansNoProvider() {
        TranslationProviders providers = new TranslationProviders(
                TranslationConfiguration.adapters(fromEnvironment(Map.of()), Clock.systemUTC()));

        assertThat(providers.any()).isFalse();
    }

    @Test
    void environmentVariablesConfigureProvidersSelfHostedFirstAndProtected() {
        TranslationSettings settings = fromEnvironment(Map.of(
                "KONTOR_TRANSLATION_DEEPL_AUTHKEY", "k:fx",
                "KONTOR_TRANSLATION_GOOGLEBASIC_APIKEY", "g",
                "KONTOR_TRANSLATION_AMAZON_ACCESSKEYID", "AKID",
                "KONTOR_TRANSLATION_AMAZON_SECRETACCESSKEY", "secret",
                "KONTOR_TRANSLATION_AMAZON_REGION", "eu-west-1",
                "KONTOR_TRANSLATION_APERTIUM_URL", "http://127.0.0.1:2737",
                "KONTOR_TRANSLATION_OPENAI_URL", "http://localhost:11434",
                "KONTOR_TRANSLATION_OPENAI_MODEL", "qwen2.5:7b",
                "KONTOR_TRANSLATION_OPENAI_SELFHOSTED", "true",
                "KONTOR_TRANSLATION_READTIMEOUT", "90s"));

        TranslationProviders providers =
                new TranslationProviders(TranslationConfiguration.adapters(settings, Clock.systemUTC()));

        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.deepl().baseUrl()).isEqualTo("https://api-free.deepl.com");
        assertThat(settings.amazon().endpoint()).isEqualTo("https://translate.eu-west-1.amazonaws.com");
        assertThat(providers.configured())
                .extracting(Translator::provider)
                .containsExactly("apertium", "openai", "deepl", "google-basic", "amazon");
        assertThat(providers.selfHosted()).extracting(Translator::provider).containsExactly("apertium", "openai");
        assertThat(providers.configured()).allMatch(t -> t instanceof ProtectingTranslator);
        assertThat(providers.named("deepl")).get().matches(t -> !t.selfHosted());
    }
}
