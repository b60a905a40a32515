package dev.kontor.channels;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin sends to set up or change a store's mailbox. */
public final class MailboxCommands {

    private MailboxCommands() {}

    /** Creates the store's e-mail channel and its mailbox together. */
    public record CreateMailbox(
            @NotNull Long storeId,
            @NotNull MailServer imap,
            @NotBlank @Size(max = 200) String folder,
            @NotNull MailServer smtp,
            @NotBlank @Email @Size(max = 254) String fromAddress,
            @NotBlank @Size(max = 200) String fromName,
            @Size(max = 4000) String signature,
            @Min(10) @Max(86400) int pollSeconds,
            Boolean plusAddressing,
            @Size(max = 200) String moveToFolder) {

        /** Plus addressing is optional: left out, it is off. A blank folder to move to: imported mail stays. */
        public CreateMailbox {
            plusAddressing = Boolean.TRUE.equals(plusAddressing);
            moveToFolder = blankToNull(moveToFolder);
        }

        public CreateMailbox(
                Long storeId,
                MailServer imap,
                String folder,
                MailServer smtp,
                String fromAddress,
                String fromName,
                String signature,
                int pollSeconds,
                Boolean plusAddressing) {
            this(storeId, imap, folder, smtp, fromAddress, fromName, signature, pollSeconds, plusAddressing, null);
        }
    }

    /** A blank password keeps the stored one, so the edit form never has to show it. */
    public record UpdateMailbox(
            @NotNull MailServer imap,
            @NotBlank @Size(max = 200) String folder,
            @NotNull MailServer smtp,
            @NotBlank @Email @Size(max = 254) String fromAddress,
            @NotBlank @Size(max = 200) String fromName,
            @Size(max = 4000) String signature,
            @Min(10) @Max(86400) int pollSeconds,
            Boolean plusAddressing,
            @NotNull Boolean active,
            @Size(max = 200) String moveToFolder) {

        public UpdateMailbox {
            plusAddressing = Boolean.TRUE.equals(plusAddressing);
            moveToFolder = blankToNull(moveToFolder);
        }

        public UpdateMailbox(
                MailServer imap,
                String folder,
                MailServer smtp,
                String fromAddress,
                String fromName,
                String signature,
                int pollSeconds,
                Boolean plusAddressing,
                Boolean active) {
            this(imap, folder, smtp, fromAddress, fromName, signature, pollSeconds, plusAddressing, active, null);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public record MailServer(
            @NotBlank @Size(max = 253) @Pattern(regexp = "[A-Za-z0-9.:\\-\\[\\]]+", message = "is not a host name")
            String host,

            @Min(1) @Max(65535) int port,

            @NotBlank @Pattern(regexp = "ssl|starttls|none", message = "must be ssl, starttls or none")
            String security,

            // Required for IMAP; an empty SMTP user means a relay that accepts mail without authentication.
            @Size(max = 254) String user,
            @Size(max = 500) String password) {}
}
