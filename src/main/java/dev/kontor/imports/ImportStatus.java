package dev.kontor.imports;

import java.util.Arrays;
import java.util.Locale;

/** Where an import stands: its file arriving, waiting for a node, running, or done. */
public enum ImportStatus {
    UPLOADING,
    QUEUED,
    RUNNING,
    FINISHED,
    FAILED,
    CANCELLED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportStatus fromKey(String key) {
        return Arrays.stream(values())
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow();
    }
}
