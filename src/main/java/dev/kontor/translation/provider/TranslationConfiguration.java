package dev.kontor.translation.provider;

import dev.kontor.translation.TranslationProviders;
import dev.kontor.translation.Translator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The providers whose settings are present, in a fixed order: self-hosted ones first. */
@Configuration(proxyBeanMethods = false)
class TranslationConfiguration {

    @Bean
    TranslationProviders translationProviders(TranslationSettings s, Clock clock) {
        return new TranslationProviders(adapters(s, clock));
    }

    static List<Translator> adapters(TranslationSettings s, Clock clock) {
        List<Translator> list = new ArrayList<>();
        if (s.apertium().configured()) {
            list.add(new ApertiumTranslator(s.apertium(), s, clock));
        }
        if (s.libretranslate().configured()) {
            list.add(new LibreTranslateTranslator(s.libretranslate(), s, clock));
        }
        if (s.openai().configured()) {
            list.add(new OpenAiChatTranslator(s.openai(), s, clock));
        }
        if (s.deepl().configured()) {
            list.add(new DeepLTranslator(s.deepl(), s, clock));
        }
        if (s.google().configured()) {
            list.add(new GoogleTranslator(s.google(), s, clock));
        }
        if (s.googleBasic().configured()) {
            list.add(new GoogleBasicTranslator(s.googleBasic(), s, clock));
        }
        if (s.azure().configured()) {
            list.add(new AzureTranslator(s.azure(), s, clock));
        }
        if (s.amazon().configured()) {
            list.add(new AmazonTranslator(s.amazon(), s, clock));
        }
        return list;
    }
}
