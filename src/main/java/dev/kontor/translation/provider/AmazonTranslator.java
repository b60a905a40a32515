package dev.kontor.translation.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.NotSupported;
import dev.kontor.translation.ProviderRejected;
import dev.kontor.translation.ProviderUnavailable;
import dev.kontor.translation.QuotaExceeded;
import dev.kontor.translation.RateLimited;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationFailed;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Amazon Translate's {@code TranslateText} over the AWS JSON 1.1 protocol ({@code X-Amz-Target}), signed with
 * {@link AwsSigV4}: one text per call of at most 10,000 bytes, plain text only (HTML needs TranslateDocument),
 * formality FORMAL/INFORMAL, one custom terminology by name. Errors come as 400 with a {@code __type}: throttling
 * is a rate limit, limit and quota errors a quota.
 */
final class AmazonTranslator implements Translator {

    static final String NAME = "amazon";

    static final int MAX_BYTES = 10_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(
            @JsonProperty("Text") String text,
            @JsonProperty("SourceLanguageCode") String sourceLanguageCode,
            @JsonProperty("TargetLanguageCode") String targetLanguageCode,
            @JsonProperty("TerminologyNames") List<String> terminologyNames,
            @JsonProperty("Settings") Settings settings) {}

    record Settings(@JsonProperty("Formality") String formality) {}

    record Response(
            @JsonProperty("TranslatedText") String translatedText,
            @JsonProperty("SourceLanguageCode") String sourceLanguageCode) {}

    private final TranslationSettings.Amazon settings;
    private final ProviderHttp http;
    private final Clock clock;

    AmazonTranslator(TranslationSettings.Amazon settings, TranslationSettings all, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new ProviderHttp(NAME, all.connectTimeout(), all.readTimeout(), clock);
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public boolean selfHosted() {
        return false;
    }

    @Override
    public Translation translate(TranslationRequest request) {
        if (request.format() == TextFormat.HTML) {
            throw new NotSupported(NAME, "TranslateText takes plain text only");
        }
        Settings formality = switch (request.formality()) {
            case FORMAL -> new Settings("FORMAL");
            case INFORMAL -> new Settings("INFORMAL");
            case DEFAULT -> null;
        };
        URI endpoint = URI.create(settings.endpoint() + "/");
        List<String> out = new ArrayList<>();
        LanguageCode detected = request.source();
        for (String text : request.texts()) {
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw new NotSupported(NAME, "a text is longer than " + MAX_BYTES + " bytes");
            }
            byte[] body = http.json(new Request(
                    text,
                    request.source() == null ? "auto" : request.source().value(),
                    request.target().value(),
                    request.providerGlossary() == null ? null : List.of(request.providerGlossary()),
                    formality));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/x-amz-json-1.1");
            headers.put("X-Amz-Target", "AWSShineFrontendService_20170701.TranslateText");
            headers.putAll(AwsSigV4.sign(
                    "POST",
                    endpoint,
                    headers,
                    body,
                    settings.region(),
                    "translate",
                    clock.instant(),
                    new AwsSigV4.Credentials(
                            settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken())));
            Response answer = http.read(
                    http.exchange(
                            http.http
                                    .post()
                                    .uri(endpoint)
                                    .headers(h -> headers.forEach(h::set))
                                    .body(body),
                            this::special),
                    Response.class);
            out.add(answer.translatedText());
            if (detected == null) {
                detected = ProviderHttp.language(answer.sourceLanguageCode());
            }
        }
        return new Translation(out, detected, NAME, request.characters());
    }

    /** The AWS JSON protocol names the error in {@code __type} ("prefix#Name" or just the name). */
    private TranslationFailed special(int status, JsonNode body, org.springframework.http.HttpHeaders headers) {
        if (status == 429) {
            return null;
        }
        String type = body.path("__type").asString("");
        type = type.substring(type.lastIndexOf('#') + 1);
        String message = ProviderHttp.message(body, new byte[0]);
        return switch (type) {
            case "ThrottlingException", "TooManyRequestsException" -> new RateLimited(NAME, http.retryAfter(headers));
            case "LimitExceededException", "ServiceQuotaExceededException" -> new QuotaExceeded(NAME, message);
            case "ServiceUnavailableException", "InternalServerException" ->
                new ProviderUnavailable(NAME, type + ": " + message, null);
            case "" -> null;
            default -> status < 500 ? new ProviderRejected(NAME, status, type + ": " + message) : null;
        };
    }
}
