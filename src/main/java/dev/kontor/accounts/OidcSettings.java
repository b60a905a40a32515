package dev.kontor.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with OpenID Connect providers (configured as {@code spring.security.oauth2.client.registration.*}). A
 * provider's user is the Kontor user with the same verified e-mail; {@code createUsers} creates one with
 * {@code newUserRole} (and no client access) when none exists, otherwise such a sign-in is refused.
 */
@ConfigurationProperties("kontor.oidc")
public record OidcSettings(
        @DefaultValue("false") boolean createUsers,
        @DefaultValue("AGENT") Role newUserRole) {}
