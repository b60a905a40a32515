package dev.kontor.tickets.rest;

import dev.kontor.shared.LanguageCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the ticket API. */
final class TicketRequests {

    private TicketRequests() {}

    static final String STATUS = "^(new|open|pending|on_hold|solved|closed)$";

    record Reply(
            @NotBlank @Size(max = 100000) String body,

            @Pattern(regexp = STATUS, message = "{kontor.validation.status}")
            String status,

            @Schema(
                    description = "Translate the body into this language before sending; only the translation goes"
                            + " out, the ticket keeps both. A provider failure sends nothing.")
            @LanguageCode.Known
            String translateTo) {}

    record Note(@NotBlank @Size(max = 100000) String body) {}

    record StatusChange(
            @NotNull @Pattern(regexp = STATUS, message = "{kontor.validation.status}")
            String status) {}

    record Assignment(Long assigneeId, Long teamId) {}

    record Tags(@NotNull @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags) {}

    record Tag(@NotBlank @Size(max = 50) String tag) {}

    record PriorityChange(
            @NotNull @Pattern(regexp = "^(low|normal|high|urgent)$", message = "{kontor.validation.priority}")
            String priority) {}
}
