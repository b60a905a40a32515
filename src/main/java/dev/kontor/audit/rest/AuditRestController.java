package dev.kontor.audit.rest;

import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.audit.AuditPage;
import dev.kontor.audit.AuditQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for admins: paged and filtered, or all of it as CSV (which is itself recorded). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
@PreAuthorize("hasRole('ADMIN')")
class AuditRestController {

    private final AuditLog audit;

    AuditRestController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Audit entries, newest first; userId matches who acted or was acted upon; dates in UTC")
    AuditPage entries(
            @RequestParam(required = false) AuditKind kind,
            @RequestParam(required = false) Long userId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return audit.entries(new AuditQuery(kind, userId, from, to, page, size));
    }

    @GetMapping(value = "/export.csv", produces = "text/csv")
    @Operation(summary = "The matching audit entries as CSV (at most 100,000)")
    void export(
            @RequestParam(required = false) AuditKind kind,
            @RequestParam(required = false) Long userId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        AuditQuery query = new AuditQuery(kind, userId, from, to, 0, 1);
        var out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        audit.export(query, out);
    }
}
