package dev.kontor.channels.crypto;

import dev.kontor.shared.SecretBox;
import dev.kontor.shared.ServerKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts mailbox passwords and marketplace API keys at rest, and signs the tokens we hand out. They use the
 * server key itself, as they did before keys were derived per purpose: stored credentials stay readable.
 */
@Component
public class CredentialCipher {

    private static final Logger log = LoggerFactory.getLogger(CredentialCipher.class);

    private final SecretBox box;
    private final byte[] signingKey;

    CredentialCipher(
            @Value("${kontor.email.secret-key:}") String secretKey, @Value("${kontor.data.dir}") Path dataDir) {
        byte[] key = ServerKey.load(secretKey, dataDir, "KONTOR_SECRET_KEY").raw();
        if (ServerKey.fromFile(secretKey)) {
            log.info(
                    "KONTOR_SECRET_KEY is not set: credentials are encrypted with the key file in {}. With several"
                            + " nodes, set KONTOR_SECRET_KEY to the same value on each.",
                    dataDir.toAbsolutePath());
        }
        this.box = new SecretBox(key);
        this.signingKey = key;
    }

    public byte[] encrypt(String secret) {
        return box.seal(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String decrypt(byte[] stored) {
        try {
            return new String(box.open(stored), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Another key than the one that encrypted it: say so instead of failing with a cipher message.
            throw new IllegalStateException(
                    "a stored mailbox password cannot be decrypted: KONTOR_SECRET_KEY differs from the key it was"
                            + " saved with");
        }
    }

    /** A short HMAC of {@code value}: tokens we hand out (reply addresses) that nobody can make up. */
    public String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(mac.doFinal(("kontor:" + value).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
