package dev.kontor.translation.internal;

import dev.kontor.shared.SecretBox;
import dev.kontor.shared.ServerKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals translation provider credentials with a key derived from the server key for this one purpose, so it never
 * equals the key that protects mailbox passwords or two-factor secrets.
 */
@Component
public class TranslationCredentials {

    private final SecretBox box;

    TranslationCredentials(
            @Value("${kontor.email.secret-key:}") String secretKey, @Value("${kontor.data.dir}") Path dataDir) {
        this.box = new SecretBox(
                ServerKey.load(secretKey, dataDir, "KONTOR_SECRET_KEY").derive("kontor translation credentials v1"));
    }

    public byte[] seal(String secret) {
        return box.seal(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String open(byte[] stored) {
        if (stored == null) {
            return null;
        }
        try {
            return new String(box.open(stored), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a translation provider credential cannot be decrypted: the server key"
                    + " differs from the key it was saved with; enter the credential again");
        }
    }

    /** The last four characters, all an admin sees of a stored credential. */
    public static String hint(String secret) {
        String s = secret.strip();
        return s.length() <= 4 ? "…" : "…" + s.substring(s.length() - 4);
    }
}
