package dev.kontor.channels.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The malformed and tricky real-world messages in {@code src/test/resources/email-corpus} (see its README). */
final class EmailCorpus {

    private EmailCorpus() {}

    static Path root() {
        try {
            return Path.of(EmailCorpus.class.getResource("/email-corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message file, without the README, licences and notices. */
    static List<Path> messages() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches("(README|LICENSE|NOTICE).*|\\.gitattributes"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
