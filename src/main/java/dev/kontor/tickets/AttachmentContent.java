package dev.kontor.tickets;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

public record AttachmentContent(String filename, String contentType, byte[] content) {

    /**
     * The file as a download, never rendered inline: a customer's HTML or SVG attachment must not run in the
     * agent's browser under Kontor's origin.
     */
    public ResponseEntity<byte[]> asDownload() {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(content);
    }
}
