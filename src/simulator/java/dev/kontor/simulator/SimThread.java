package dev.kontor.simulator;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A conversation on the simulated marketplace between a customer, the shop and the operator. */
public final class SimThread {

    final String id;
    final long shopId;
    final String orderId;
    final String customerId;
    final String customerName;
    final String topic;
    final Instant createdAt;
    // Written only under the owning SimMarketplace's lock; copy-on-write and volatile so readers elsewhere see them.
    volatile Instant updatedAt;
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<NoReply> noReplyNeeded = new CopyOnWriteArrayList<>();

    SimThread(
            String id,
            long shopId,
            String orderId,
            String customerId,
            String customerName,
            String topic,
            Instant createdAt) {
        this.id = id;
        this.shopId = shopId;
        this.orderId = orderId;
        this.customerId = customerId;
        this.customerName = customerName;
        this.topic = topic;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public int messageCount() {
        return messages.size();
    }

    public Instant dateUpdated() {
        return updatedAt;
    }

    /** Mirakl's {@code metadata.shop_reply_needed_since}; null once the shop answered. */
    public Instant shopReplyNeededSince() {
        return replyNeededSince();
    }

    /** {@code fromType}: CUSTOMER_USER, SHOP_USER or OPERATOR_USER; files as (attachment id, name, size). */
    record Message(
            String id,
            Instant createdAt,
            String body,
            String fromType,
            String fromName,
            List<String[]> to,
            List<File> files) {}

    record File(String id, String name, long size) {}

    record NoReply(Instant at, String userType) {}

    /** Mirakl's "reply needed since": the oldest customer or operator message after the shop's last one. */
    Instant replyNeededSince() {
        Instant since = null;
        for (Message m : messages) {
            if ("SHOP_USER".equals(m.fromType())) {
                since = null;
            } else if (since == null) {
                since = m.createdAt();
            }
        }
        if (since != null) {
            for (NoReply n : noReplyNeeded) {
                if (!n.at().isBefore(lastIncoming())) {
                    return null;
                }
            }
        }
        return since;
    }

    private Instant lastIncoming() {
        Instant last = Instant.EPOCH;
        for (Message m : messages) {
            if (!"SHOP_USER".equals(m.fromType())) {
                last = m.createdAt();
            }
        }
        return last;
    }
}
