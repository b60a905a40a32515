package dev.kontor.channels.email;

import dev.kontor.channels.ChannelAdapter;
import dev.kontor.channels.ReplyDelivery;
import dev.kontor.clients.ChannelKind;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * E-mail as a {@link ChannelAdapter}: mailboxes are the accounts, the IMAP UID is the cursor, the outbox sends by
 * SMTP. E-mail schedules itself ({@link EmailTasks}) because a fetch may stay connected in IMAP IDLE.
 */
@Component
class EmailAdapter implements ChannelAdapter {

    private final Mailboxes mailboxes;
    private final EmailChannel email;

    EmailAdapter(Mailboxes mailboxes, EmailChannel email) {
        this.mailboxes = mailboxes;
        this.email = email;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public boolean schedulesItself() {
        return true;
    }

    @Override
    public List<Long> dueAccounts(Instant now) {
        return mailboxes.due(now);
    }

    @Override
    public PollOutcome poll(long mailboxId) {
        try {
            int stored = email.fetchNow(mailboxId);
            return new PollOutcome(stored, stored, null);
        } catch (RuntimeException e) {
            return PollOutcome.failed(MailServers.describe(e));
        }
    }

    @Override
    public int sendDue() {
        return email.sendDue();
    }

    @Override
    public boolean retry(long messageId) {
        if (email.deliveries(List.of(messageId)).isEmpty()) {
            return false;
        }
        email.retry(messageId);
        return true;
    }

    @Override
    public Map<Long, ReplyDelivery> deliveries(Collection<Long> messageIds) {
        return email.deliveries(messageIds);
    }
}
