package dev.kontor.tickets.flow;

import static dev.kontor.tickets.db.Tables.MESSAGE;
import static dev.kontor.tickets.db.Tables.MESSAGE_FLOW;
import static dev.kontor.tickets.db.Tables.TICKET;

import dev.kontor.tickets.MessageFlowStatus;
import dev.kontor.tickets.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The messages waiting for their pass ({@code tickets.message_flow}): enqueue, claim, finish, fail. */
@Repository
public class FlowQueue {

    private final DSLContext db;

    FlowQueue(DSLContext db) {
        this.db = db;
    }

    /** In the transaction that stores the message: it will be passed once that commits. */
    public void enqueue(long messageId, long ticketId, Instant at) {
        db.insertInto(MESSAGE_FLOW)
                .set(MESSAGE_FLOW.MESSAGE_ID, messageId)
                .set(MESSAGE_FLOW.TICKET_ID, ticketId)
                .set(MESSAGE_FLOW.ENQUEUED_AT, at)
                .set(MESSAGE_FLOW.NEXT_ATTEMPT_AT, at)
                .execute();
        PassingTickets.queued(ticketId);
    }

    /**
     * Whether a message of the ticket waits for its pass and no pass holds it now; if so it stays locked until the
     * current transaction ends, so its pass starts only after this transaction's commit and sees what it wrote.
     */
    public boolean holdWaiting(long ticketId) {
        return db.select(MESSAGE_FLOW.MESSAGE_ID)
                .from(MESSAGE_FLOW)
                .where(MESSAGE_FLOW.TICKET_ID.eq(ticketId))
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOptional()
                .isPresent();
    }

    /**
     * Claims up to {@code limit} due messages, locked until the transaction ends, whole tickets only: a ticket
     * whose earlier message another worker holds is left to that worker, so one ticket's messages pass in order. A
     * message in backoff after a failure does not hold the later ones back.
     */
    List<Claimed> claim(int limit, Instant now) {
        Map<Long, Long> ticketOf = new LinkedHashMap<>();
        db.select(MESSAGE_FLOW.MESSAGE_ID, MESSAGE_FLOW.TICKET_ID)
                .from(MESSAGE_FLOW)
                .where(MESSAGE_FLOW.NEXT_ATTEMPT_AT.le(now))
                .orderBy(MESSAGE_FLOW.MESSAGE_ID)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .forEach(r -> ticketOf.put(r.value1(), r.value2()));
        if (ticketOf.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> firstClaimed = new HashMap<>();
        ticketOf.forEach((message, ticket) -> firstClaimed.merge(ticket, message, Math::min));
        Map<Long, Long> firstWaiting = db.select(MESSAGE_FLOW.TICKET_ID, DSL.min(MESSAGE_FLOW.MESSAGE_ID))
                .from(MESSAGE_FLOW)
                .where(MESSAGE_FLOW.TICKET_ID.in(firstClaimed.keySet()))
                .and(MESSAGE_FLOW.ATTEMPTS.eq(0))
                .groupBy(MESSAGE_FLOW.TICKET_ID)
                .fetchMap(r -> r.value1(), r -> r.value2());
        List<Claimed> claimed = new ArrayList<>();
        ticketOf.forEach((message, ticket) -> {
            Long earlier = firstWaiting.get(ticket);
            if (earlier == null || earlier >= firstClaimed.get(ticket)) {
                claimed.add(new Claimed(message, ticket));
            }
        });
        return claimed;
    }

    /** A message this worker holds for its pass, and its ticket. */
    record Claimed(long messageId, long ticketId) {}

    /** Re-claims these messages if they are still waiting and no other worker holds them. */
    List<Long> reclaim(Collection<Long> messageIds) {
        return db.select(MESSAGE_FLOW.MESSAGE_ID)
                .from(MESSAGE_FLOW)
                .where(MESSAGE_FLOW.MESSAGE_ID.in(messageIds))
                .orderBy(MESSAGE_FLOW.MESSAGE_ID)
                .forUpdate()
                .skipLocked()
                .fetch(MESSAGE_FLOW.MESSAGE_ID);
    }

    /** The facts the steps need, in message order; the tickets are locked for the pass, in id order. */
    List<ReceivedMessage> load(List<Long> messageIds) {
        var earlier = MESSAGE.as("earlier");
        List<ReceivedMessage> batch = db.select(
                        MESSAGE.ID,
                        MESSAGE.TICKET_ID,
                        TICKET.CLIENT_ID,
                        TICKET.STORE_ID,
                        MESSAGE.CHANNEL_ID,
                        TICKET.CUSTOMER_ID,
                        DSL.notExists(DSL.selectOne()
                                .from(earlier)
                                .where(earlier.TICKET_ID.eq(MESSAGE.TICKET_ID))
                                .and(earlier.KIND.eq("inbound"))
                                .and(earlier.ID.lt(MESSAGE.ID))),
                        MESSAGE.AUTOMATED,
                        MESSAGE.CREATED_AT,
                        TICKET.SUBJECT,
                        MESSAGE.BODY_TEXT)
                .from(MESSAGE)
                .join(TICKET)
                .on(TICKET.ID.eq(MESSAGE.TICKET_ID))
                .where(MESSAGE.ID.in(messageIds))
                .orderBy(MESSAGE.ID)
                .fetch(r -> new ReceivedMessage(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        r.value7(),
                        r.value8(),
                        r.value9(),
                        r.value10(),
                        r.value11()));
        db.select(TICKET.ID)
                .from(TICKET)
                .where(TICKET.ID.in(
                        batch.stream().map(ReceivedMessage::ticketId).distinct().toList()))
                .orderBy(TICKET.ID)
                .forUpdate()
                .execute();
        return batch;
    }

    void done(Collection<Long> messageIds) {
        db.deleteFrom(MESSAGE_FLOW)
                .where(MESSAGE_FLOW.MESSAGE_ID.in(messageIds))
                .execute();
    }

    /** The pass failed: try again after a backoff that doubles per attempt, up to {@code max}. */
    void failed(Collection<Long> messageIds, String error, Instant now, Duration max) {
        for (Long id : messageIds) {
            int attempts = db.select(MESSAGE_FLOW.ATTEMPTS)
                    .from(MESSAGE_FLOW)
                    .where(MESSAGE_FLOW.MESSAGE_ID.eq(id))
                    .fetchOptional(MESSAGE_FLOW.ATTEMPTS)
                    .orElse(-1);
            if (attempts < 0) {
                continue;
            }
            Duration wait = Duration.ofSeconds(5L << Math.min(attempts, 16));
            db.update(MESSAGE_FLOW)
                    .set(MESSAGE_FLOW.ATTEMPTS, attempts + 1)
                    .set(MESSAGE_FLOW.NEXT_ATTEMPT_AT, now.plus(wait.compareTo(max) > 0 ? max : wait))
                    .set(MESSAGE_FLOW.LAST_ERROR, error)
                    .where(MESSAGE_FLOW.MESSAGE_ID.eq(id))
                    .execute();
        }
    }

    /** Every failing message is due now (an admin's "try again"). */
    public int retryNow(Instant now) {
        return db.update(MESSAGE_FLOW)
                .set(MESSAGE_FLOW.NEXT_ATTEMPT_AT, now)
                .where(MESSAGE_FLOW.ATTEMPTS.gt(0))
                .execute();
    }

    public MessageFlowStatus status(int limit) {
        var summary = db.select(DSL.count(), DSL.min(MESSAGE_FLOW.ENQUEUED_AT))
                .from(MESSAGE_FLOW)
                .fetchOne();
        List<MessageFlowStatus.Failing> failing = db.select(
                        MESSAGE_FLOW.MESSAGE_ID,
                        MESSAGE_FLOW.TICKET_ID,
                        TICKET.NUMBER,
                        MESSAGE_FLOW.ATTEMPTS,
                        MESSAGE_FLOW.NEXT_ATTEMPT_AT,
                        MESSAGE_FLOW.LAST_ERROR)
                .from(MESSAGE_FLOW)
                .join(TICKET)
                .on(TICKET.ID.eq(MESSAGE_FLOW.TICKET_ID))
                .where(MESSAGE_FLOW.ATTEMPTS.gt(0))
                .orderBy(MESSAGE_FLOW.MESSAGE_ID)
                .limit(limit)
                .fetch(r -> new MessageFlowStatus.Failing(
                        r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
        return new MessageFlowStatus(summary.value1(), summary.value2(), failing);
    }
}
