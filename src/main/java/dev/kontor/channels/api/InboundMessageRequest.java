package dev.kontor.channels.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A customer message delivered by a web form or an integration. */
record InboundMessageRequest(
        @NotBlank @Size(max = 64) String store,
        @NotNull @Valid From from,
        @Size(max = 500) String subject,
        @NotBlank @Size(max = 100000) String body,
        @Size(max = 200) String externalId,
        @Size(max = 20) List<@Valid Attachment> attachments) {

    record From(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String name) {}

    /** An attachment with its content in base64. */
    record Attachment(
            @NotBlank @Size(max = 255) String filename,
            @Size(max = 200) String contentType,
            @NotBlank String contentBase64) {}
}
