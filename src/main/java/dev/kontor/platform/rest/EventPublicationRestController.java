package dev.kontor.platform.rest;

import dev.kontor.platform.EventPublicationStatus;
import dev.kontor.platform.EventPublications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** For admins and monitoring: background work recorded as events, and the listeners that failed. */
@RestController
@RequestMapping("/api/v1/event-publications")
@Tag(name = "Operations")
@PreAuthorize("hasRole('ADMIN')")
class EventPublicationRestController {

    private final EventPublications publications;

    EventPublicationRestController(EventPublications publications) {
        this.publications = publications;
    }

    @GetMapping
    @Operation(
            summary = "Publications waiting per state, and the failed ones with their listener and next try",
            description = "limit: how many failed publications to list (1-500).")
    EventPublicationStatus status(@RequestParam(defaultValue = "50") int limit) {
        return publications.status(limit);
    }

    @PostMapping("/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Hands every failed publication to its listener again now, whatever its backoff")
    void retry() {
        publications.retryAllNow();
    }
}
