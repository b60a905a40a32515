package dev.kontor.channels;

import dev.kontor.clients.ChannelKind;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What every connected channel provides (e-mail, Mirakl, later Amazon, eBay, BigCommerce, Shopify), so the rest
 * of Kontor treats them alike: accounts polled from a persisted cursor, replies queued from {@code ReplyPosted} and
 * sent with retries, and the state of each reply. Channels with orders also implement
 * {@code dev.kontor.orders.OrderSource} (fetch an order, optional order actions). A new marketplace is a new
 * adapter here; the tickets module does not change.
 */
public interface ChannelAdapter {

    ChannelKind kind();

    /** The accounts (mailboxes, marketplace accounts) whose poll is due now, by id. */
    List<Long> dueAccounts(Instant now);

    /**
     * Reads what is new since the account's persisted cursor into the inbox and moves the cursor. Safe to run again
     * after a crash at any point: what was read before is recognised by its channel id and not stored twice.
     */
    PollOutcome poll(long accountId);

    /** Sends the queued replies that are due, each at most once at a time across nodes; returns how many were tried. */
    int sendDue();

    /** Where each of these ticket messages (agent replies) stands on its way out, for those this channel sends. */
    Map<Long, ReplyDelivery> deliveries(Collection<Long> messageIds);

    /** Puts a reply that failed (or waits) back at the front of the queue; false when this channel did not send it. */
    boolean retry(long messageId);

    /**
     * Whether the channel runs its own background tasks (e-mail keeps IMAP IDLE connections open) instead of the
     * shared poll and outbox tasks.
     */
    default boolean schedulesItself() {
        return false;
    }

    /** What a poll brought in; {@code error} is set when it stopped early (the cursor stays where it was). */
    record PollOutcome(int conversations, int newMessages, String error) {

        public static PollOutcome failed(String error) {
            return new PollOutcome(0, 0, error);
        }
    }
}
