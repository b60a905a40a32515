package dev.kontor.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin, from {@code KONTOR_ADMIN_EMAIL} / {@code KONTOR_ADMIN_PASSWORD}; without them the app shows a
 * one-time setup page. {@code KONTOR_ADMIN_API_TOKEN}, if set, becomes that admin's API token.
 */
@ConfigurationProperties("kontor.admin")
public record AdminSettings(String email, String password, String name, String apiToken) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}
