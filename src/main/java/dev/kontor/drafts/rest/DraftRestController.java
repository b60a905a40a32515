package dev.kontor.drafts.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.drafts.ClientDraftSettings;
import dev.kontor.drafts.Draft;
import dev.kontor.drafts.DraftManagement;
import dev.kontor.drafts.ModelStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Drafts for tickets the caller serves (another client's ticket answers 404); settings and status for admins. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Drafts")
class DraftRestController {

    private final DraftManagement drafts;

    DraftRestController(DraftManagement drafts) {
        this.drafts = drafts;
    }

    @PostMapping("/tickets/{id}/drafts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Draft a reply for the ticket (never sent)",
            description = "kind is model or template; a template draft names why in fallback (not_configured,"
                    + " client_never, cloud_forbidden, model_failed with failure and failureDetail). sources name what"
                    + " it was written from, flags what the guardrails found.")
    Draft draft(CurrentUser user, @PathVariable long id) {
        return drafts.draft(id, user.scope(), user.id(), user.displayName());
    }

    @GetMapping("/drafts/status")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The install's draft model: where, how it has been answering, drafts per kind")
    ModelStatus status() {
        return drafts.status();
    }

    @GetMapping("/clients/{clientId}/draft-settings")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "A client's draft setting: policy (allowed, local_only, never) and link domains")
    ClientDraftSettings settings(CurrentUser user, @PathVariable long clientId) {
        return drafts.settings(clientId, user.scope());
    }

    record SettingsBody(String policy, List<String> linkDomains) {}

    @PutMapping("/clients/{clientId}/draft-settings")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set a client's draft setting; errors name the field (policy, linkDomains)")
    ClientDraftSettings save(CurrentUser user, @PathVariable long clientId, @RequestBody SettingsBody body) {
        return drafts.saveSettings(
                clientId,
                user.scope(),
                body.policy(),
                body.linkDomains() == null ? "" : String.join("\n", body.linkDomains()));
    }
}
