package dev.kontor.channels;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A fetched e-mail exactly as the server delivered it. */
public record OriginalMail(long id, byte[] raw) {

    /** As an .eml download, never rendered: it is the customer's unsanitized mail. */
    public ResponseEntity<byte[]> asDownload() {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("mail-" + id + ".eml")
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .body(raw);
    }
}
