package dev.kontor.channels.api;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.tickets.IngestResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "API channel")
class InboundMessageRestController {

    private final ApiChannel channel;

    InboundMessageRestController(ApiChannel channel) {
        this.channel = channel;
    }

    @PostMapping("/api/v1/inbound-messages")
    @Operation(
            summary = "Deliver a customer message to a store (web forms, integrations)",
            description = "Idempotent on externalId per store: a repeated externalId returns the first result, "
                    + "with the header Idempotent-Replayed: true, and stores nothing new.")
    ResponseEntity<InboundMessageResponse> receive(
            CurrentUser user, @Valid @RequestBody InboundMessageRequest request) {
        IngestResult result = channel.receive(request, user.scope());
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (result.duplicate()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(new InboundMessageResponse(result.ticketId(), result.messageId()));
    }
}
