package dev.kontor.channels;

import java.time.Instant;

/** A mailbox as admins see it; passwords never leave the module. */
public record MailboxView(
        long id,
        long channelId,
        long clientId,
        long storeId,
        String imapHost,
        int imapPort,
        String imapSecurity,
        String imapUser,
        String folder,
        String smtpHost,
        int smtpPort,
        String smtpSecurity,
        String smtpUser,
        String fromAddress,
        String fromName,
        String signature,
        int pollSeconds,
        boolean plusAddressing,
        boolean active,
        Instant lastFetchAt,
        String lastError,
        Instant lastErrorAt,
        int consecutiveFailures,
        boolean stalled,
        Instant recoveredAt,
        String moveToFolder) {

    public boolean failing() {
        return lastError != null;
    }
}
