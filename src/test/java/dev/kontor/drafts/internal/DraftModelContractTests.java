package dev.kontor.drafts.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kontor.drafts.DraftModel;
import dev.kontor.drafts.DraftSettings;
import dev.kontor.drafts.ModelFailed;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The draft model against a stub of the documented OpenAI chat-completions API ({@code POST /v1/chat/completions}:
 * request {@code model}, {@code messages}; response {@code choices[0].message.content}, {@code usage}), as Ollama,
 * vLLM, llama.cpp's server and cloud providers implement it. Every failure is named so the agent sees why.
 */
class DraftModelContractTests {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String PATH = "/v1/chat/completions";

    static DraftSettings settings(String key, Duration timeout, int retries) {
        return new DraftSettings(
                server.baseUrl() + "/v1", key, "llama3.1:8b", timeout, 400, 0.2, DraftSettings.Location.LOCAL, retries);
    }

    static DraftModel model() {
        return new SpringAiDraftModel(settings(null, Duration.ofSeconds(5), 0));
    }

    static final DraftModel.Prompt PROMPT =
            new DraftModel.Prompt("Write in French.", "<conversation>\nCustomer: Où est mon colis ?\n</conversation>");

    /** A chat completion as the API documents it. */
    static String completion(String content) {
        return """
                {"id":"chatcmpl-123","object":"chat.completion","created":1764756000,"model":"llama3.1:8b",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":412,"completion_tokens":87,"total_tokens":499}}
                """.formatted(content == null ? "null" : "\"" + content + "\"");
    }

    @Test
    void sendsTheModelAndBothMessagesAndReadsTheReplyAndUsage() {
        server.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion("Bonjour, votre colis est en route."))));

        DraftModel.Answer answer = new SpringAiDraftModel(settings("sk-test", Duration.ofSeconds(5), 0)).write(PROMPT);

        assertThat(answer.text()).isEqualTo("Bonjour, votre colis est en route.");
        assertThat(answer.promptTokens()).isEqualTo(412);
        assertThat(answer.completionTokens()).isEqualTo(87);
        server.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.1:8b")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Write in French.")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(PROMPT.user()))));
    }

    @Test
    void aSlowServerIsATimeout() {
        server.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withFixedDelay(3000)
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion("late"))));
        DraftModel slow = new SpringAiDraftModel(settings(null, Duration.ofMillis(800), 0));

        assertThatThrownBy(() -> slow.write(PROMPT))
                .isInstanceOfSatisfying(
                        ModelFailed.class, e -> assertThat(e.reason()).isEqualTo(ModelFailed.Reason.TIMEOUT));
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() {
        server.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                                + "\"code\":\"rate_limit_exceeded\"}}")));

        assertThatThrownBy(() -> model().write(PROMPT)).isInstanceOfSatisfying(ModelFailed.class, e -> {
            assertThat(e.reason()).isEqualTo(ModelFailed.Reason.RATE_LIMITED);
            assertThat(e.detail()).contains("429").contains("retry after 7 s");
        });
    }

    @Test
    void aRetryWaitsWhatRetryAfterAsksAndThenSucceeds() {
        server.stubFor(post(urlEqualTo(PATH))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("free"));
        server.stubFor(post(urlEqualTo(PATH))
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion("Bonjour."))));

        long start = System.nanoTime();
        DraftModel.Prompt prompt = new DraftModel.Prompt("Write in French.", "retried");
        DraftModel.Answer answer = new SpringAiDraftModel(settings(null, Duration.ofSeconds(5), 1)).write(prompt);

        assertThat(answer.text()).isEqualTo("Bonjour.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        // Counted by its own text: a slow test's request may reach the stub's journal late.
        server.verify(
                2,
                postRequestedFor(urlEqualTo(PATH))
                        .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("retried"))));
    }

    @Test
    void aServerErrorIsNamed() {
        server.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"model is loading\"}}")));

        assertThatThrownBy(() -> model().write(PROMPT)).isInstanceOfSatisfying(ModelFailed.class, e -> {
            assertThat(e.reason()).isEqualTo(ModelFailed.Reason.SERVER_ERROR);
            assertThat(e.detail()).contains("503");
        });
    }

    @Test
    void aRefusedRequestIsNamed() {
        server.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Incorrect API key provided\"}}")));

        assertThatThrownBy(() -> model().write(PROMPT)).isInstanceOfSatisfying(ModelFailed.class, e -> {
            assertThat(e.reason()).isEqualTo(ModelFailed.Reason.REFUSED);
            assertThat(e.detail()).contains("401");
        });
    }

    @Test
    void aBodyThatIsNotAChatCompletionIsGarbage() {
        server.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("<html>502 Bad Gateway</html>")));

        assertThatThrownBy(() -> model().write(PROMPT))
                .isInstanceOfSatisfying(
                        ModelFailed.class, e -> assertThat(e.reason()).isEqualTo(ModelFailed.Reason.GARBAGE));
    }

    @Test
    void aCompletionWithoutTextIsGarbage() {
        server.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion(null))));

        assertThatThrownBy(() -> model().write(PROMPT))
                .isInstanceOfSatisfying(
                        ModelFailed.class, e -> assertThat(e.reason()).isEqualTo(ModelFailed.Reason.GARBAGE));
    }

    @Test
    void aDroppedConnectionIsNamed() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> model().write(PROMPT))
                .isInstanceOfSatisfying(
                        ModelFailed.class,
                        e -> assertThat(e.reason())
                                .isIn(ModelFailed.Reason.UNREACHABLE, ModelFailed.Reason.SERVER_ERROR));
    }

    @Test
    void withoutABaseUrlThereIsNoModel() {
        DraftModel none = new SpringAiDraftModel(new DraftSettings(
                null, null, "llama3.1", Duration.ofSeconds(5), 400, 0.2, DraftSettings.Location.LOCAL, 0));
        assertThat(none.configured()).isFalse();
    }
}
