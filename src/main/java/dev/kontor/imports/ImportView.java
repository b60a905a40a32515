package dev.kontor.imports;

import java.time.Instant;

/**
 * An import and its progress; {@code percent}: of the file read, 0 to 100. {@code messagesPerSecond} and {@code etaSeconds} are measured since the import last
 * (re)started; null while nothing is measured yet.
 */
public record ImportView(
        long id,
        long clientId,
        long storeId,
        long channelId,
        String source,
        String format,
        String fileName,
        boolean runFlow,
        ImportStatus status,
        long totalBytes,
        long bytesDone,
        long linesDone,
        long ticketsCreated,
        long ticketsUpdated,
        long messagesCreated,
        long messagesSkipped,
        long errorLines,
        int percent,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Double messagesPerSecond,
        Long etaSeconds,
        String failure) {

    public boolean active() {
        return status == ImportStatus.UPLOADING || status == ImportStatus.QUEUED || status == ImportStatus.RUNNING;
    }
}
