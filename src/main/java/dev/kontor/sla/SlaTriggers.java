package dev.kontor.sla;

import dev.kontor.tickets.TicketEvents.ChannelAttentionChanged;
import dev.kontor.tickets.TicketEvents.MessageReceived;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketEvents.TicketOpened;
import dev.kontor.tickets.TicketEvents.TicketPriorityChanged;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketEvents.TicketTagsChanged;
import dev.kontor.tickets.TicketEvents.TicketTriaged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Every change that can move a clock recomputes the ticket's deadlines (from the publication registry). */
@Component
class SlaTriggers {

    private final SlaClocks clocks;

    SlaTriggers(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @ApplicationModuleListener
    void on(TicketOpened e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(MessageReceived e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(ReplyPosted e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketStatusChanged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketTagsChanged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketPriorityChanged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketTriaged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(ChannelAttentionChanged e) {
        clocks.recompute(e.ticketId());
    }
}
