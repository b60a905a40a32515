package dev.kontor.web.admin;

import dev.kontor.channels.MailboxCommands.CreateMailbox;
import dev.kontor.channels.MailboxCommands.MailServer;
import dev.kontor.channels.MailboxCommands.UpdateMailbox;
import dev.kontor.channels.MailboxManagement;
import dev.kontor.channels.MailboxView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages of the e-mail channel: mailboxes (with "test connection") and the quarantine. */
@Controller
class AdminMailController {

    private final MailboxManagement mail;
    private final ClientManagement clients;

    AdminMailController(MailboxManagement mail, ClientManagement clients) {
        this.mail = mail;
        this.clients = clients;
    }

    /** The form, flat as a page posts it; passwords are never shown back. */
    record MailboxForm(
            Long storeId,
            @NotBlank @Size(max = 253) String imapHost,
            @Min(1) @Max(65535) int imapPort,
            @NotBlank @Pattern(regexp = "ssl|starttls|none") String imapSecurity,
            @NotBlank @Size(max = 254) String imapUser,
            @Size(max = 500) String imapPassword,
            @NotBlank @Size(max = 200) String folder,
            @NotBlank @Size(max = 253) String smtpHost,
            @Min(1) @Max(65535) int smtpPort,
            @NotBlank @Pattern(regexp = "ssl|starttls|none") String smtpSecurity,
            @Size(max = 254) String smtpUser,
            @Size(max = 500) String smtpPassword,
            @NotBlank @Email @Size(max = 254) String fromAddress,
            @NotBlank @Size(max = 200) String fromName,
            @Size(max = 4000) String signature,
            @Min(10) @Max(86400) int pollSeconds,
            Boolean plusAddressing,
            Boolean active,
            @Size(max = 200) String moveToFolder) {

        static MailboxForm blank() {
            return new MailboxForm(
                    null,
                    "",
                    993,
                    "ssl",
                    "",
                    "",
                    "INBOX",
                    "",
                    587,
                    "starttls",
                    "",
                    "",
                    "",
                    "",
                    "",
                    60,
                    false,
                    true,
                    "");
        }

        static MailboxForm of(MailboxView m) {
            return new MailboxForm(
                    m.storeId(),
                    m.imapHost(),
                    m.imapPort(),
                    m.imapSecurity(),
                    m.imapUser(),
                    "",
                    m.folder(),
                    m.smtpHost(),
                    m.smtpPort(),
                    m.smtpSecurity(),
                    m.smtpUser(),
                    "",
                    m.fromAddress(),
                    m.fromName(),
                    m.signature(),
                    m.pollSeconds(),
                    m.plusAddressing(),
                    m.active(),
                    m.moveToFolder() == null ? "" : m.moveToFolder());
        }

        MailServer imap() {
            return new MailServer(imapHost, imapPort, imapSecurity, imapUser, imapPassword);
        }

        MailServer smtp() {
            return new MailServer(smtpHost, smtpPort, smtpSecurity, smtpUser, smtpPassword);
        }

        CreateMailbox toCreate() {
            return new CreateMailbox(
                    storeId,
                    imap(),
                    folder,
                    smtp(),
                    fromAddress,
                    fromName,
                    signature,
                    pollSeconds,
                    Boolean.TRUE.equals(plusAddressing),
                    moveToFolder);
        }

        UpdateMailbox toUpdate() {
            return new UpdateMailbox(
                    imap(),
                    folder,
                    smtp(),
                    fromAddress,
                    fromName,
                    signature,
                    pollSeconds,
                    Boolean.TRUE.equals(plusAddressing),
                    !Boolean.FALSE.equals(active),
                    moveToFolder);
        }
    }

    @GetMapping("/admin/mailboxes")
    String list(Model model) {
        if (!model.containsAttribute("mailboxForm")) {
            model.addAttribute("mailboxForm", MailboxForm.blank());
        }
        model.addAttribute("mailboxes", mail.mailboxes());
        model.addAttribute("stores", clients.stores(ClientScope.everything()));
        return "admin/mailboxes";
    }

    @PostMapping("/admin/mailboxes")
    String create(@Valid @ModelAttribute("mailboxForm") MailboxForm form, BindingResult errors, Model model) {
        if (form.storeId() == null) {
            errors.rejectValue("storeId", "required", "choose a store");
        }
        return AdminForms.submit(
                errors, () -> mail.create(form.toCreate()), "redirect:/admin/mailboxes", () -> list(model));
    }

    @GetMapping("/admin/mailboxes/{id}")
    String edit(@PathVariable long id, Model model) {
        MailboxView mailbox = mail.mailbox(id);
        model.addAttribute("mailbox", mailbox);
        model.addAttribute("skipped", mail.skipped(id));
        model.addAttribute("backlog", mail.backlog(id));
        if (!model.containsAttribute("mailboxForm")) {
            model.addAttribute("mailboxForm", MailboxForm.of(mailbox));
        }
        return "admin/mailbox";
    }

    @PostMapping("/admin/mailboxes/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("mailboxForm") MailboxForm form,
            BindingResult errors,
            Model model) {
        return AdminForms.submit(
                errors,
                () -> mail.update(id, form.toUpdate()),
                "redirect:/admin/mailboxes/" + id,
                () -> edit(id, model));
    }

    /** Shows the result on the page itself: it names the servers' errors, which belong in no session. */
    @PostMapping("/admin/mailboxes/{id}/check")
    String check(@PathVariable long id, Model model) {
        model.addAttribute("check", mail.check(id));
        return edit(id, model);
    }

    @PostMapping("/admin/mailboxes/{id}/fetch")
    String fetchSoon(@PathVariable long id, RedirectAttributes redirect) {
        mail.fetchSoon(id);
        redirect.addFlashAttribute("fetchRequested", true);
        return "redirect:/admin/mailboxes/" + id;
    }

    @GetMapping("/admin/mail-quarantine")
    String quarantine(Model model) {
        model.addAttribute("mails", mail.quarantine(500));
        model.addAttribute("notCustomer", mail.notCustomer(200));
        return "admin/quarantine";
    }

    @PostMapping("/admin/mail-quarantine/{id}/reprocess")
    String reprocess(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("reprocessed", id);
        redirect.addFlashAttribute("reprocessedStatus", mail.reprocess(id));
        return "redirect:/admin/mail-quarantine";
    }

    @PostMapping("/admin/mail-quarantine/{id}/import")
    String importAsCustomer(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("reprocessed", id);
        redirect.addFlashAttribute("reprocessedStatus", mail.importAsCustomer(id));
        return "redirect:/admin/mail-quarantine";
    }

    @GetMapping("/admin/mail/{id}/original")
    ResponseEntity<byte[]> original(@PathVariable long id) {
        return mail.original(id).asDownload();
    }
}
