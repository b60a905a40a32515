package dev.kontor.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Two-factor sign-in. {@code requiredForAdmins}: admins without a second factor must set one up right after
 * signing in with their password. {@code secretKey}: base64 of 32 bytes that encrypts the TOTP secrets (by
 * default KONTOR_SECRET_KEY, or the key file in the data folder); the same on every node. {@code issuer} is the
 * name authenticator apps show.
 */
@ConfigurationProperties("kontor.two-factor")
public record TwoFactorSettings(
        @DefaultValue("false") boolean requiredForAdmins,
        String secretKey,
        @DefaultValue("Kontor") String issuer) {}
