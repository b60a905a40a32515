package dev.kontor.platform;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.shared.ClientScope;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at /v3/api-docs: Bearer tokens, and no trace of the injected current user. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class, ClientScope.class);
    }

    @Bean
    OpenAPI kontorOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Kontor API")
                        .version("v1")
                        .description("Tickets, the API channel and administration of a Kontor helpdesk. "
                                + "Errors are RFC 9457 problem details; invalid input lists the fields."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token of a Kontor user")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Marks primitive record components as required: Jackson refuses a request that misses one (it will not invent
     * a false or a zero), so the document must say so. Fields with @NotNull/@NotBlank/@NotEmpty are marked by
     * springdoc itself; a component documented as optional with @Schema keeps its mark.
     */
    @Bean
    ModelConverter requiredPrimitives() {
        return new ModelConverter() {
            @Override
            public Schema<?> resolve(
                    AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
                Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
                Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
                if (schema == null || raw == null || !raw.isRecord()) {
                    return schema;
                }
                Schema<?> model = schema.get$ref() == null
                        ? schema
                        : context.getDefinedModels().get(schema.get$ref().replace("#/components/schemas/", ""));
                if (model == null || model.getProperties() == null) {
                    return schema;
                }
                for (RecordComponent c : raw.getRecordComponents()) {
                    io.swagger.v3.oas.annotations.media.Schema doc =
                            c.getAccessor().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
                    boolean optional = doc != null
                            && doc.requiredMode()
                                    == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
                    if (c.getType().isPrimitive()
                            && !optional
                            && model.getProperties().containsKey(c.getName())
                            && (model.getRequired() == null
                                    || !model.getRequired().contains(c.getName()))) {
                        model.addRequiredItem(c.getName());
                    }
                }
                return schema;
            }
        };
    }
}
