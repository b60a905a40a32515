package dev.kontor.platform;

import dev.kontor.shared.Text;
import java.beans.PropertyEditorSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies {@link Text}'s rule once for every text people send: each JSON string (any field, at any depth, in any
 * request body) and each form field, query parameter and path variable. A NUL or a lone surrogate becomes a field
 * error there, before a controller runs, instead of a database error (a 500) after it.
 */
@Configuration(proxyBeanMethods = false)
class TextInput {

    /** Registered by Boot into the application's JsonMapper, so the API's request bodies go through it. */
    @Bean
    JacksonModule storableTextModule() {
        return new SimpleModule("kontor-storable-text").addDeserializer(String.class, new StorableStrings());
    }

    /** Rejects text that cannot be stored; otherwise reads strings exactly as Jackson does. */
    static final class StorableStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            String problem = Text.problem(value);
            if (problem != null) {
                throw new UnstorableText(p, problem, value);
            }
            return value;
        }
    }

    /** A string the rule refused; ApiProblems names its field from the exception's path. */
    static final class UnstorableText extends InvalidFormatException {

        UnstorableText(JsonParser p, String problem, String value) {
            super(p, problem, value, String.class);
        }
    }

    /** Form fields, request parameters and path variables of every controller, UI and API alike. */
    @ControllerAdvice
    static class Binding {

        @InitBinder
        void storableText(WebDataBinder binder) {
            binder.registerCustomEditor(String.class, new StorableTextEditor());
        }
    }

    /** A refused value becomes a type mismatch on its field, which forms show and ApiProblems names. */
    static final class StorableTextEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            String problem = Text.problem(text);
            if (problem != null) {
                throw new UnstorableTextArgument(problem);
            }
            setValue(text);
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }

    /** The API's JSON reader: the same mapper, behind a strict UTF-8 check of the raw body. */
    @Bean
    WebMvcConfigurer strictUtf8Json(JsonMapper json) {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                builder.withJsonConverter(new StrictUtf8JsonConverter(json));
            }
        };
    }

    /**
     * Jackson decodes UTF-8 leniently: an overlong form of NUL or a sequence beyond U+10FFFF comes out as other
     * characters. So the body is checked with Java's strict decoder first, and a bad sequence is reported on the
     * field whose value holds it.
     */
    static final class StrictUtf8JsonConverter extends JacksonJsonHttpMessageConverter {

        private final JsonMapper json;

        StrictUtf8JsonConverter(JsonMapper json) {
            super(json);
            this.json = json;
        }

        @Override
        public Object read(ResolvableType type, HttpInputMessage message, Map<String, Object> hints)
                throws IOException {
            MediaType contentType = message.getHeaders().getContentType();
            Charset charset = contentType == null || contentType.getCharset() == null
                    ? StandardCharsets.UTF_8
                    : contentType.getCharset();
            if (!charset.equals(StandardCharsets.UTF_8)) {
                return super.read(type, message, hints);
            }
            byte[] body = message.getBody().readAllBytes();
            int bad = firstInvalidUtf8(body);
            if (bad >= 0) {
                throw new HttpMessageNotReadableException(
                        "invalid UTF-8 at byte " + bad, new InvalidUtf8(fieldAt(body, bad), bad), message);
            }
            HttpInputMessage checked = new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return message.getHeaders();
                }
            };
            return super.read(type, checked, hints);
        }

        /** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
        static int firstInvalidUtf8(byte[] body) {
            CharsetDecoder decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(body);
            CharBuffer out = CharBuffer.allocate(Math.max(16, body.length));
            CoderResult result = decoder.decode(in, out, true);
            return result.isError() ? in.position() : -1;
        }

        /** The JSON path of the value being read at that offset ("" for the body itself). */
        String fieldAt(byte[] body, int offset) {
            String prefix = new String(body, 0, offset, StandardCharsets.UTF_8) + "\"";
            try (JsonParser p = json.createParser(prefix)) {
                while (p.nextToken() != null) {
                    // walk to the end of what precedes the bad byte
                }
            } catch (JacksonException e) {
                if (e.processor() instanceof JsonParser p) {
                    return TextInput.path(p.streamReadContext());
                }
            }
            return "";
        }
    }

    /** A field path as Bean Validation writes it: {@code from.email}, {@code attachments[0].filename}. */
    static String path(TokenStreamContext context) {
        StringBuilder out = new StringBuilder();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                out.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.currentName() != null) {
                out.insert(0, c.currentName() + (out.length() == 0 || out.charAt(0) == '[' ? "" : "."));
            }
        }
        return out.toString();
    }

    /** A form field or parameter the rule refused. */
    static final class UnstorableTextArgument extends IllegalArgumentException {
        UnstorableTextArgument(String problem) {
            super(problem);
        }
    }

    /** A body that is not well-formed UTF-8, with the field whose value holds the bad bytes. */
    static final class InvalidUtf8 extends RuntimeException {
        final String field;
        final int offset;

        InvalidUtf8(String field, int offset) {
            super("invalid UTF-8 at byte " + offset + (field.isEmpty() ? "" : " in " + field));
            this.field = field;
            this.offset = offset;
        }
    }
}
