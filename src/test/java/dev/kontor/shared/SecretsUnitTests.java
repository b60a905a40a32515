package dev.kontor.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsUnitTests {

    @TempDir
    Path data;

    @Test
    void aSealedSecretOpensWithItsKeyOnlyAndNeverTheSameTwice() throws Exception {
        ServerKey key = ServerKey.load(null, data, "KONTOR_SECRET_KEY");
        SecretBox box = new SecretBox(key.derive("purpose a"));
        byte[] plain = "imap password".getBytes(StandardCharsets.UTF_8);

        byte[] first = box.seal(plain);
        assertThat(box.seal(plain)).isNotEqualTo(first);
        assertThat(box.open(first)).isEqualTo(plain);
        assertThatThrownBy(() -> new SecretBox(key.derive("purpose b")).open(first))
                .isInstanceOf(GeneralSecurityException.class);
        first[first.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(first)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> box.open(new byte[3])).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void eachPurposeGetsItsOwnKeyAndTheKeyFileIsMadeOnceAndKept() throws Exception {
        ServerKey first = ServerKey.load("", data, "KONTOR_SECRET_KEY");
        ServerKey again = ServerKey.load(null, data, "KONTOR_SECRET_KEY");

        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(first.derive("a")).isNotEqualTo(first.derive("b")).isNotEqualTo(first.raw());
        assertThat(Files.list(data).map(p -> p.getFileName().toString())).containsExactly("secret.key");
        assertThat(Files.getPosixFilePermissions(data.resolve("secret.key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aConfiguredKeyWinsAndABadOneNamesItsSetting() {
        byte[] bytes = new byte[32];
        bytes[0] = 7;
        String configured = Base64.getEncoder().encodeToString(bytes);

        assertThat(ServerKey.load(configured, data, "KONTOR_SECRET_KEY").raw()).isEqualTo(bytes);
        assertThat(data.resolve("secret.key")).doesNotExist();
        assertThatThrownBy(() -> ServerKey.load("c2hvcnQ=", data, "KONTOR_SECRET_KEY"))
                .hasMessageContaining("KONTOR_SECRET_KEY must be the base64 of 32 bytes");
        assertThatThrownBy(() -> ServerKey.load("not base64!", data, "kontor.two-factor.secret-key"))
                .hasMessageContaining("kontor.two-factor.secret-key must be base64");
    }
}
