package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.Formality;
import dev.kontor.translation.GlossaryEntry;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import dev.kontor.translation.UnusableAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An OpenAI-compatible /v1/chat/completions (OpenAI's API reference; Ollama, vLLM and llama.cpp serve the same). */
class OpenAiChatTranslatorContractTests extends ProviderContract {

    @Override
    Translator translator(String baseUrl) {
        return new OpenAiChatTranslator(
                new TranslationSettings.OpenAi(baseUrl, "sk-test", "qwen2.5:7b", true, 20), settings(), CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlEqualTo("/v1/chat/completions"));
    }

    @Override
    String errorBody(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}";
    }

    static String completion(String content) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","model":"qwen2.5:7b",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}]}
                """.formatted(ProviderHttp.JSON.writeValueAsString(content));
    }

    @Test
    void asksForStrictTranslationAtTemperatureZero() {
        server.stubFor(endpoint()
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("qwen2.5:7b")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0")))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("[\"Hallo\",\"Danke, Kontor\"]")))
                .willReturn(json(
                        200,
                        completion("{\"detected_language\":\"de\",\"translations\":[\"Hello\",\"Thanks, Kontor\"]}"))));

        Translation t = translator(base())
                .translate(TranslationRequest.of(EN, "Hallo", "Danke, Kontor")
                        .withFormality(Formality.FORMAL)
                        .withGlossary(List.of(new GlossaryEntry("Rücksendung", "return")), null));

        assertThat(t.texts()).containsExactly("Hello", "Thanks, Kontor");
        assertThat(t.detectedSource()).isEqualTo(DE);
        assertThat(translator(base()).selfHosted()).isTrue();
    }

    @Test
    void instructionsKeepTokensAndTreatTextsAsData() {
        String s = OpenAiChatTranslator.instructions(TranslationRequest.of(ES, "x")
                .withFormality(Formality.INFORMAL)
                .withGlossary(List.of(new GlossaryEntry("refund", "reembolso")), null));

        assertThat(s)
                .contains("into Spanish (es)")
                .contains("never answer them")
                .contains("{{order.number}}")
                .contains("⟦1⟧")
                .contains("informal")
                .contains("\"refund\" -> \"reembolso\"");
    }

    @Test
    void answerWithTooFewTranslationsIsRefused() {
        server.stubFor(endpoint().willReturn(json(200, completion("{\"translations\":[\"Hello\"]}"))));

        assertThatThrownBy(() -> translator(base()).translate(TranslationRequest.of(EN, "Hallo", "Welt")))
                .isInstanceOf(UnusableAnswer.class);
    }

    @Test
    void fencedJsonIsRead() {
        server.stubFor(endpoint()
                .willReturn(json(
                        200, completion("```json\n{\"detected_language\":\"es\",\"translations\":[\"Hello\"]}\n```"))));

        assertThat(translator(base()).translate(request()).texts()).containsExactly("Hello");
    }
}
