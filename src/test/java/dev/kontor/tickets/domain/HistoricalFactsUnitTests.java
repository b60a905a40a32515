package dev.kontor.tickets.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.domain.HistoricalFacts.MessageFact;
import dev.kontor.tickets.domain.HistoricalFacts.Stated;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoricalFactsUnitTests {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    static Instant at(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    static Stated stated(TicketStatus status) {
        return new Stated(status, null, null, null, null, null, null);
    }

    @Test
    void solvedTicketKeepsItsOriginalClockFromTheMessages() {
        var f = HistoricalFacts.derive(
                stated(TicketStatus.SOLVED),
                List.of(
                        new MessageFact(MessageKind.INBOUND, at(0), false),
                        new MessageFact(MessageKind.OUTBOUND, at(1), true),
                        new MessageFact(MessageKind.OUTBOUND, at(3), false),
                        new MessageFact(MessageKind.NOTE, at(4), false)));
        assertThat(f.createdAt()).isEqualTo(at(0));
        assertThat(f.firstResponseAt()).as("an auto-reply is no first response").isEqualTo(at(3));
        assertThat(f.solvedAt()).isEqualTo(at(4));
        assertThat(f.statusSince()).isEqualTo(at(4));
        assertThat(f.closedAt()).isNull();
        assertThat(f.customerWaitingSince()).isNull();
        assertThat(f.messageCount()).isEqualTo(4);
        assertThat(f.lastMessageAt()).isEqualTo(at(4));
    }

    @Test
    void statedTimesWinOverDerivedOnes() {
        var f = HistoricalFacts.derive(
                new Stated(TicketStatus.CLOSED, at(-2), at(20), at(2), at(10), at(12), at(12)),
                List.of(new MessageFact(MessageKind.INBOUND, at(0), false)));
        assertThat(f.createdAt()).isEqualTo(at(-2));
        assertThat(f.firstResponseAt()).isEqualTo(at(2));
        assertThat(f.solvedAt()).isEqualTo(at(10));
        assertThat(f.closedAt()).isEqualTo(at(12));
        assertThat(f.updatedAt()).isEqualTo(at(20));
        assertThat(f.statusSince()).isEqualTo(at(12));
    }

    @Test
    void openTicketWaitsSinceTheOldestUnansweredCustomerMessage() {
        var f = HistoricalFacts.derive(
                stated(TicketStatus.OPEN),
                List.of(
                        new MessageFact(MessageKind.INBOUND, at(0), false),
                        new MessageFact(MessageKind.OUTBOUND, at(1), false),
                        new MessageFact(MessageKind.INBOUND, at(5), false),
                        new MessageFact(MessageKind.INBOUND, at(7), false)));
        assertThat(f.customerWaitingSince()).isEqualTo(at(5));
        assertThat(f.solvedAt()).isNull();
        assertThat(f.statusSince()).isEqualTo(at(7));
    }

    @Test
    void messagesOutOfOrderAreReadByTheirTime() {
        var f = HistoricalFacts.derive(
                stated(TicketStatus.NEW),
                List.of(
                        new MessageFact(MessageKind.INBOUND, at(5), false),
                        new MessageFact(MessageKind.INBOUND, at(1), false)));
        assertThat(f.createdAt()).isEqualTo(at(1));
        assertThat(f.lastMessageAt()).isEqualTo(at(5));
        assertThat(f.customerWaitingSince()).isEqualTo(at(1));
        assertThat(f.statusSince()).isEqualTo(at(1));
    }
}
