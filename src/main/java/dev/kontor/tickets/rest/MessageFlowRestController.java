package dev.kontor.tickets.rest;

import dev.kontor.tickets.MessageFlowManagement;
import dev.kontor.tickets.MessageFlowStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For admins and monitoring: the pass after ingest (triage, rules, SLA) and the messages whose pass fails. */
@RestController
@RequestMapping("/api/v1/message-flow")
@Tag(name = "Operations")
@PreAuthorize("hasRole('ADMIN')")
class MessageFlowRestController {

    private final MessageFlowManagement flow;

    MessageFlowRestController(MessageFlowManagement flow) {
        this.flow = flow;
    }

    @GetMapping
    @Operation(
            summary = "Messages waiting for their pass, the oldest wait, and the failing ones with their error",
            description = "limit: how many failing messages to list (1-500).")
    MessageFlowStatus status(@RequestParam(defaultValue = "50") int limit) {
        return flow.status(limit);
    }

    @PostMapping("/retry")
    @Operation(summary = "Makes every failing message due now instead of after its backoff")
    Map<String, Integer> retry() {
        return Map.of("retried", flow.retryNow());
    }
}
