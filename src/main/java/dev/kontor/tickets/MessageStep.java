package dev.kontor.tickets;

import java.util.List;

/**
 * One step of the pass every stored customer message goes through exactly once, after the transaction that stored
 * it: triage, rules and SLA implement it in their modules, and run in their {@code @Order} (triage, then rules,
 * then SLA) inside the pass's transaction. A batch holds the messages of several tickets in message order; every
 * ticket of the batch is locked for the pass. A step that throws fails the whole batch, which is then passed again
 * one ticket at a time, so one bad message delays no other ticket.
 */
public interface MessageStep {

    void process(List<ReceivedMessage> batch);
}
