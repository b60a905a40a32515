package dev.kontor.platform;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.shared.ClientScope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
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
}
