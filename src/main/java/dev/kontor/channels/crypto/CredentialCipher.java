package dev.kontor.channels.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Encrypts mailbox passwords at rest with AES-256-GCM; the stored value is a random IV followed by the ciphertext. */
@Component
public class CredentialCipher {

    private static final Logger log = LoggerFactory.getLogger(CredentialCipher.class);
    private static final int IV_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CredentialCipher(
            @Value("${kontor.email.secret-key:}") String secretKey, @Value("${kontor.data.dir}") Path dataDir) {
        this.key = new SecretKeySpec(keyBytes(secretKey.isBlank() ? null : secretKey, dataDir), "AES");
    }

    public byte[] encrypt(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a credential", e);
        }
    }

    public String decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
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
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(mac.doFinal(("kontor:" + value).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] keyBytes(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = Base64.getDecoder().decode(configured.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("KONTOR_SECRET_KEY must be the base64 of 32 bytes");
            }
            return bytes;
        }
        Path file = dataDir.toAbsolutePath().resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system; the data folder's own permissions apply
                }
                log.warn(
                        "KONTOR_SECRET_KEY is not set: created {} to encrypt mailbox passwords. With several"
                                + " nodes, set KONTOR_SECRET_KEY to the same value on each.",
                        file);
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file, e);
        }
    }
}
