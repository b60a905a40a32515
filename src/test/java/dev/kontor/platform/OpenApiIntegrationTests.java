package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document tells clients what the server demands: every field it refuses to miss is required. */
@KontorIntegrationTest
class OpenApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyFieldARequestCannotMissIsMarkedRequired() {
        JsonNode schemas = new ApiClient(port, null)
                .get("/v3/api-docs")
                .json()
                .get("components")
                .get("schemas");
        Set<Class<?>> bodies = new LinkedHashSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getPackageName().startsWith("dev.kontor")) {
                for (var parameter : method.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        collect(parameter.getParameterType(), bodies);
                    }
                }
            }
        });

        List<String> wrong = new ArrayList<>();
        for (Class<?> type : bodies) {
            JsonNode schema = schemas.get(type.getSimpleName());
            assertThat(schema).as("schema of " + type.getName()).isNotNull();
            Set<String> documented = new TreeSet<>();
            if (schema.has("required")) {
                schema.get("required").forEach(n -> documented.add(n.asString()));
            }
            Set<String> expected = new TreeSet<>(required(type));
            if (!documented.equals(expected)) {
                wrong.add(type.getSimpleName() + ": documented " + documented + ", required " + expected);
            }
        }
        assertThat(bodies).hasSizeGreaterThan(20);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theInboundMessageNamesItsRequiredFields() {
        JsonNode schemas = new ApiClient(port, null)
                .get("/v3/api-docs")
                .json()
                .get("components")
                .get("schemas");

        assertThat(schemas.get("InboundMessageRequest").get("required").toString())
                .contains("\"store\"", "\"from\"", "\"body\"")
                .doesNotContain("\"subject\"", "\"externalId\"");
        assertThat(schemas.get("UpdateClient").get("required").toString()).contains("\"name\"", "\"active\"");
    }

    /** Fields the server refuses to miss: constrained as present, or primitives (Jackson will not invent them). */
    private static Set<String> required(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Field f = field(type, c.getName());
            if (c.getType().isPrimitive()
                    || f.isAnnotationPresent(NotNull.class)
                    || f.isAnnotationPresent(NotBlank.class)
                    || f.isAnnotationPresent(NotEmpty.class)) {
                names.add(c.getName());
            }
        }
        return names;
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (!type.isRecord() || !into.add(type)) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            collect(c.getType(), into);
            Type generic = c.getGenericType();
            if (generic instanceof ParameterizedType p) {
                for (Type argument : p.getActualTypeArguments()) {
                    if (argument instanceof Class<?> k) {
                        collect(k, into);
                    }
                }
            }
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
