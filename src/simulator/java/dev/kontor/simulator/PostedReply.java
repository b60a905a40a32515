package dev.kontor.simulator;

import java.util.List;

/** A message the seller posted through M12 (or the first message of an OR43 thread). */
public record PostedReply(
        String threadId, String messageId, String body, List<Recipient> to, List<SimAttachment> files) {

    public record Recipient(String type, String id) {}
}
