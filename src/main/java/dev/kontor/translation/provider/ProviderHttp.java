package dev.kontor.translation.provider;

import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.ProviderRejected;
import dev.kontor.translation.ProviderUnavailable;
import dev.kontor.translation.QuotaExceeded;
import dev.kontor.translation.RateLimited;
import dev.kontor.translation.TranslationFailed;
import dev.kontor.translation.UnusableAnswer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One provider's HTTP: a {@link RestClient} with timeouts, and every failure turned into a named
 * {@link TranslationFailed}: 400/401/403/404 rejected with the provider's message, 456 quota, 429 rate limited with
 * its Retry-After, 5xx and I/O errors unavailable. Adapters add their own codes through {@link Special}.
 */
final class ProviderHttp {

    /** A provider's own failure codes, checked before the common mapping; null when it has nothing special. */
    interface Special {
        TranslationFailed map(int status, JsonNode body, HttpHeaders headers);
    }

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final int MESSAGE_LIMIT = 300;

    final String provider;
    final RestClient http;
    private final Clock clock;

    ProviderHttp(String provider, Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(readTimeout);
        this.http = RestClient.builder()
                .requestFactory(factory)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .defaultHeader(HttpHeaders.USER_AGENT, "Kontor-helpdesk")
                .build();
    }

    /** Sends the request and returns the answer's body, or throws the named failure. */
    JsonNode exchange(RestClient.RequestHeadersSpec<?> request, Special special) {
        try {
            byte[] body = request.exchange((req, res) -> {
                int status = res.getStatusCode().value();
                byte[] bytes = res.getBody().readAllBytes();
                if (status >= 200 && status < 300) {
                    return bytes;
                }
                throw failure(status, res.getHeaders(), bytes, special);
            });
            return parse(body);
        } catch (ResourceAccessException e) {
            throw new ProviderUnavailable(
                    provider,
                    "no answer (" + e.getMostSpecificCause().getClass().getSimpleName() + ")",
                    e);
        }
    }

    /** A provider's language code ({@code EN}, {@code pt-BR}, {@code spa}) as ours, or null when it is not one. */
    static LanguageCode language(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String base = code.strip().toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
        if (base.length() == 3) {
            for (String two : java.util.Locale.getISOLanguages()) {
                if (new java.util.Locale(two).getISO3Language().equals(base)) {
                    base = two;
                    break;
                }
            }
        }
        return LanguageCode.isKnown(base) ? new LanguageCode(base) : null;
    }

    byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    <T> T read(JsonNode body, Class<T> type) {
        try {
            return JSON.treeToValue(body, type);
        } catch (JacksonException e) {
            throw new UnusableAnswer(provider, "unexpected JSON shape");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new UnusableAnswer(provider, "not JSON");
        }
    }

    TranslationFailed failure(int status, HttpHeaders headers, byte[] bytes, Special special) {
        JsonNode body;
        try {
            body = bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes);
        } catch (JacksonException e) {
            body = JSON.missingNode();
        }
        if (special != null) {
            TranslationFailed own = special.map(status, body, headers);
            if (own != null) {
                return own;
            }
        }
        String message = message(body, bytes);
        if (status == 429) {
            return new RateLimited(provider, retryAfter(headers));
        }
        if (status == 456) {
            return new QuotaExceeded(provider, message);
        }
        if (status >= 500) {
            return new ProviderUnavailable(provider, "HTTP " + status + ": " + message, null);
        }
        return new ProviderRejected(provider, status, message);
    }

    /** The provider's own words: the usual places vendors put them, else the start of the body. */
    static String message(JsonNode body, byte[] bytes) {
        for (JsonNode candidate : new JsonNode[] {
            body.path("error").path("message"),
            body.path("explanation"),
            body.path("message"),
            body.path("Message"),
            body.path("error"),
            body.path("detail")
        }) {
            if (candidate.isString() && !candidate.asString().isBlank()) {
                return shorten(candidate.asString());
            }
        }
        String raw = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        return raw.isEmpty() ? "no message" : shorten(raw);
    }

    private static String shorten(String s) {
        return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT) + "…";
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
