package dev.kontor.drafts.internal;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import dev.kontor.drafts.DraftModel;
import dev.kontor.drafts.DraftSettings;
import dev.kontor.drafts.ModelFailed;
import dev.kontor.drafts.ModelFailed.Reason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;

/**
 * Drafts from any OpenAI-compatible chat endpoint ({@code POST {base-url}/chat/completions}) through Spring AI's
 * OpenAI chat model, built from Kontor's own settings so that an install without a model needs no key and starts.
 * Every failure becomes a named {@link ModelFailed}: a timeout, a 429 (with what Retry-After asked), a 5xx, a refusal
 * (4xx), an unreachable server, or an answer without text.
 */
@Component
public class SpringAiDraftModel implements DraftModel {

    private final DraftSettings settings;
    private final OpenAiChatModel chat;

    public SpringAiDraftModel(DraftSettings settings) {
        this.settings = settings;
        this.chat = settings.configured()
                ? OpenAiChatModel.builder()
                        .options(OpenAiChatOptions.builder()
                                .baseUrl(settings.baseUrl().strip())
                                // Local servers ignore the key, but the client insists on one.
                                .apiKey(
                                        settings.apiKey() == null
                                                        || settings.apiKey().isBlank()
                                                ? "none"
                                                : settings.apiKey())
                                .model(settings.model())
                                .temperature(settings.temperature())
                                .maxTokens(settings.maxTokens())
                                .timeout(settings.timeout())
                                .maxRetries(settings.maxRetries())
                                .build())
                        .build()
                : null;
    }

    @Override
    public boolean configured() {
        return chat != null;
    }

    @Override
    public DraftSettings.Location location() {
        return settings.location();
    }

    @Override
    public String name() {
        return settings.model();
    }

    @Override
    public Answer write(DraftModel.Prompt prompt) {
        if (chat == null) {
            throw new ModelFailed(Reason.UNREACHABLE, "no model configured");
        }
        ChatResponse response;
        try {
            response = chat.call(new org.springframework.ai.chat.prompt.Prompt(
                    List.of(new SystemMessage(prompt.system()), new UserMessage(prompt.user()))));
        } catch (RuntimeException e) {
            throw classified(e);
        }
        String text = response == null || response.getResult() == null
                ? null
                : response.getResult().getOutput().getText();
        if (text == null || text.isBlank()) {
            throw new ModelFailed(Reason.GARBAGE, "the answer has no text");
        }
        var usage =
                response.getMetadata() == null ? null : response.getMetadata().getUsage();
        return new Answer(
                text.strip(),
                usage == null ? null : usage.getPromptTokens(),
                usage == null ? null : usage.getCompletionTokens());
    }

    /** The failure named by the first cause that tells what happened. */
    static ModelFailed classified(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RateLimitException r) {
                String after =
                        r.headers().values("retry-after").stream().findFirst().orElse(null);
                return new ModelFailed(
                        Reason.RATE_LIMITED,
                        "429 too many requests" + (after == null ? "" : ", retry after " + after + " s"),
                        e);
            }
            if (t instanceof OpenAIServiceException s) {
                int status = s.statusCode();
                return status >= 500
                        ? new ModelFailed(Reason.SERVER_ERROR, status + " from the model server", e)
                        : new ModelFailed(Reason.REFUSED, status + " from the model server", e);
            }
            if (t instanceof InterruptedIOException) {
                return new ModelFailed(Reason.TIMEOUT, "no answer in time", e);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new ModelFailed(Reason.UNREACHABLE, "cannot reach the model server", e);
            }
            if (t instanceof OpenAIInvalidDataException
                    || t.getClass().getName().startsWith("tools.jackson")
                    || t.getClass().getName().startsWith("com.fasterxml.jackson")) {
                return new ModelFailed(Reason.GARBAGE, "the answer is not a chat completion", e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OpenAIIoException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                return m.contains("timeout") || m.contains("timed out")
                        ? new ModelFailed(Reason.TIMEOUT, "no answer in time", e)
                        : new ModelFailed(Reason.UNREACHABLE, "cannot reach the model server", e);
            }
        }
        return new ModelFailed(
                Reason.GARBAGE, "unusable answer (" + e.getClass().getSimpleName() + ")", e);
    }
}
