package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.Text;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of the API channel's request body as the server reads it: the strict UTF-8 check, the
 * JSON mapping with the text rule, then Bean Validation. Any bytes end in a request, in field errors, or in an
 * unreadable body that {@link InputErrors} can describe; never in another exception (which would be a 500).
 */
class InboundJsonFuzzTests {

    private static final Class<?> REQUEST = load("dev.kontor.channels.api.InboundMessageRequest");
    private static final TextInput.StrictUtf8JsonConverter CONVERTER =
            new TextInput.StrictUtf8JsonConverter(JsonMapper.builder()
                    .addModule(new TextInput().storableTextModule())
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .build());
    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    @FuzzTest(maxDuration = "20s")
    void anyBodyIsReadValidatedOrDescribedAsABadRequest(byte[] body) throws Exception {
        MockHttpInputMessage message = new MockHttpInputMessage(body);
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        Object request;
        try {
            request = CONVERTER.read(ResolvableType.forClass(REQUEST), message, null);
        } catch (HttpMessageNotReadableException unreadable) {
            FieldError field = InputErrors.unreadable(unreadable);
            String detail = field != null ? field.field() + ": " + field.message() : InputErrors.notJson(unreadable);
            assertThat(detail).isNotBlank();
            return;
        }
        if (request == null) {
            return;
        }
        Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(request);
        for (ConstraintViolation<Object> v : violations) {
            assertThat(v.getPropertyPath().toString()).isNotBlank();
        }
        for (RecordComponent c : REQUEST.getRecordComponents()) {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            if (accessor.invoke(request) instanceof String s) {
                assertThat(Text.problem(s)).isNull();
            }
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
