package dev.kontor.tickets;

import dev.kontor.tickets.flow.PassingTickets;
import java.util.List;

/**
 * One step of the pass every stored customer message goes through exactly once, after the transaction that stored
 * it: triage, rules and SLA implement it in their modules, and run in their {@code @Order} (triage, then rules,
 * then SLA, then the rules' hand-outs to agents, then the translations their agents need) inside the pass's transaction. A batch holds the messages of several tickets in message order; every
 * ticket of the batch is locked for the pass. A step that throws fails the whole batch, which is then passed again
 * one ticket at a time, so one bad message delays no other ticket.
 */
public interface MessageStep {

    void process(List<ReceivedMessage> batch);

    /**
     * Whether the ticket's pass runs on this thread now, or follows the commit of the current transaction (which
     * stored a customer message of the ticket). A listener that would redo a step's work after a change made there
     * (SLA after triage's category, a rule's tags and priority, or the status a new message reopens) can leave it to
     * the pass: its step sees the change.
     */
    static boolean passing(long ticketId) {
        return PassingTickets.contains(ticketId);
    }
}
