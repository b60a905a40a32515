package dev.kontor.channels.rest;

import dev.kontor.channels.ConnectionCheck;
import dev.kontor.channels.MailboxCommands.CreateMailbox;
import dev.kontor.channels.MailboxCommands.UpdateMailbox;
import dev.kontor.channels.MailboxManagement;
import dev.kontor.channels.MailboxView;
import dev.kontor.channels.QuarantinedMail;
import dev.kontor.channels.ReplyDelivery;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Mailboxes and the mail quarantine (admins), and the delivery state of replies (anyone who sees the client). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "E-mail channel")
class MailboxRestController {

    private final MailboxManagement mail;

    MailboxRestController(MailboxManagement mail) {
        this.mail = mail;
    }

    @GetMapping("/mailboxes")
    @PreAuthorize("hasRole('ADMIN')")
    List<MailboxView> mailboxes() {
        return mail.mailboxes();
    }

    @GetMapping("/mailboxes/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    MailboxView mailbox(@PathVariable long id) {
        return mail.mailbox(id);
    }

    @PostMapping("/mailboxes")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a store's e-mail channel with its mailbox (admin); passwords are stored encrypted")
    MailboxView create(@Valid @RequestBody CreateMailbox command) {
        return mail.create(command);
    }

    @PutMapping("/mailboxes/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change a mailbox (admin); a blank password keeps the stored one")
    MailboxView update(@PathVariable long id, @Valid @RequestBody UpdateMailbox command) {
        return mail.update(id, command);
    }

    @PostMapping("/mailboxes/{id}/check")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Connect to the mailbox's IMAP and SMTP servers and report each one's exact error")
    ConnectionCheck check(@PathVariable long id) {
        return mail.check(id);
    }

    @GetMapping("/mail-quarantine")
    @PreAuthorize("hasRole('ADMIN')")
    List<QuarantinedMail> quarantine(@RequestParam(defaultValue = "200") int limit) {
        return mail.quarantine(Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/mail-quarantine/{id}/reprocess")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Process a quarantined mail again; answers its new status")
    Map<String, String> reprocess(@PathVariable long id) {
        return Map.of("status", mail.reprocess(id));
    }

    @GetMapping("/mail-not-customer")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Bulk, junk and list mail and automatic replies that answer no ticket, kept out of the inbox")
    List<QuarantinedMail> notCustomer(@RequestParam(defaultValue = "200") int limit) {
        return mail.notCustomer(Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/mail-not-customer/{id}/import")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Import such a mail as a customer's message after all; answers its new status")
    Map<String, String> importAsCustomer(@PathVariable long id) {
        return Map.of("status", mail.importAsCustomer(id));
    }

    @GetMapping("/inbound-mail/{id}/raw")
    @Operation(summary = "The stored original of an inbound mail, as delivered (message/rfc822)")
    ResponseEntity<byte[]> original(ClientScope scope, @PathVariable long id) {
        if (!scope.permits(mail.clientOfInbound(id))) {
            throw new NotFound("inbound mail " + id);
        }
        return mail.original(id).asDownload();
    }

    @GetMapping("/messages/{messageId}/delivery")
    @Operation(summary = "Delivery state of a reply sent by e-mail: queued, sent or failed with the reason")
    ReplyDelivery delivery(ClientScope scope, @PathVariable long messageId) {
        ReplyDelivery d = mail.deliveries(List.of(messageId)).get(messageId);
        if (d == null || !scope.permits(mail.clientOfMessage(messageId))) {
            throw new NotFound("delivery of message " + messageId);
        }
        return d;
    }
}
