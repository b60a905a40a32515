package dev.kontor.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The install's one secret (KONTOR_SECRET_KEY, or a key file in the data folder made on first use): 32 bytes from
 * which each purpose derives its own key, so a key that protects one kind of secret never protects another.
 */
public final class ServerKey {

    private final byte[] bytes;

    private ServerKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * {@code configured}: base64 of 32 bytes, or blank for the data folder's {@code secret.key} (created atomically
     * on first use, readable by the owner only). {@code setting} names the setting in errors.
     */
    public static ServerKey load(String configured, Path dataDir, String setting) {
        if (configured != null && !configured.isBlank()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(setting + " must be base64 (of 32 bytes)");
            }
            if (decoded.length != 32) {
                throw new IllegalStateException(setting + " must be the base64 of 32 bytes");
            }
            return new ServerKey(decoded);
        }
        return new ServerKey(keyFile(dataDir.toAbsolutePath().resolve("secret.key")));
    }

    /** Whether the key came from the data folder's key file rather than the configuration. */
    public static boolean fromFile(String configured) {
        return configured == null || configured.isBlank();
    }

    /** The key itself: only for secrets stored before keys were derived per purpose (mailbox passwords). */
    public byte[] raw() {
        return bytes.clone();
    }

    /** A key for one purpose (HMAC-SHA256 of the purpose under the server key). */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), "secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system; the data folder's own permissions apply
                }
                Files.writeString(temporary, Base64.getEncoder().encodeToString(fresh));
                try {
                    // Without replacing: when two starts race, the first key stays and both read it below.
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException e) {
                    // another start made it first
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file, e);
        }
    }
}
