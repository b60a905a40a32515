package dev.kontor.accounts;

import dev.kontor.shared.SecretBox;
import dev.kontor.shared.ServerKey;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts TOTP secrets with a key derived from the server key for this one purpose, so it never equals the key
 * that protects mailbox passwords.
 */
@Component
class TwoFactorCipher {

    private final SecretBox box;

    TwoFactorCipher(TwoFactorSettings settings, @Value("${kontor.data.dir}") Path dataDir) {
        this.box = new SecretBox(ServerKey.load(settings.secretKey(), dataDir, "kontor.two-factor.secret-key")
                .derive("kontor two-factor secrets v1"));
    }

    byte[] encrypt(byte[] secret) {
        return box.seal(secret);
    }

    byte[] decrypt(byte[] stored) {
        try {
            return box.open(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "a two-factor secret cannot be decrypted: the server key differs from the key it was saved with");
        }
    }
}
