package dev.kontor.tickets.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.TicketErrors.IllegalStatusChange;
import dev.kontor.tickets.TicketErrors.TicketClosed;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TicketUnitTests {

    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    /** The conversation has no customer message after the reply. */
    static final UnaryOperator<Instant> NONE_LATER = after -> null;

    /** A ticket as the repository returns it after the first save. */
    static Ticket newTicket() {
        Ticket t = Ticket.open(1, 2, 3, 4, "Where is my order?", T0, false);
        t.id = 42L;
        t.number = 1001L;
        return t;
    }

    @Test
    void aNewTicketIsNewWithNormalPriority() {
        Ticket t = newTicket();

        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        assertThat(t.takeEvents()).isEmpty();
    }

    @Test
    void theFirstReplyIsTheFirstResponseAndOpensTheTicket() {
        Ticket t = newTicket();

        t.replied(T0.plusSeconds(600), null, NONE_LATER);
        t.replied(T0.plusSeconds(900), TicketStatus.PENDING, NONE_LATER);

        assertThat(t.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(t.takeEvents())
                .containsExactly(
                        new TicketStatusChanged(42L, 1, "new", "open"),
                        new TicketStatusChanged(42L, 1, "open", "pending"));
    }

    @Test
    void aCustomerMessageReopensPendingOnHoldAndSolvedTickets() {
        for (TicketStatus waiting : List.of(TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED)) {
            Ticket t = newTicket();
            t.moveTo(TicketStatus.OPEN, T0);
            t.moveTo(waiting, T0);

            t.customerWrote(T0.plusSeconds(60), false);

            assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        }
    }

    @Test
    void theCustomerWaitsSinceTheirOldestUnansweredMessageNotTheLatest() {
        Ticket t = newTicket();

        t.customerWrote(T0.plusSeconds(1800), false);
        assertThat(t.customerWaitingSince)
                .as("a second message does not restart the wait")
                .isEqualTo(T0);

        t.autoReplied(T0.plusSeconds(1900));
        assertThat(t.customerWaitingSince).as("an auto-reply answers nothing").isEqualTo(T0);

        t.replied(T0.plusSeconds(3600), TicketStatus.PENDING, NONE_LATER);
        assertThat(t.customerWaitingSince).as("answered").isNull();

        t.customerWrote(T0.plusSeconds(7200), false);
        t.customerWrote(T0.plusSeconds(9000), false);
        assertThat(t.customerWaitingSince).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void automatedMessagesNeitherStartNorEndTheWait() {
        Ticket outOfOffice = Ticket.open(1, 2, 3, 4, "Abwesenheitsnotiz", T0, true);
        assertThat(outOfOffice.customerWaitingSince)
                .as("an automated first message")
                .isNull();
        outOfOffice.customerWrote(T0.plusSeconds(60), true);
        assertThat(outOfOffice.customerWaitingSince).isNull();

        Ticket t = newTicket();
        t.replied(T0.plusSeconds(600), null, NONE_LATER);
        t.customerWrote(T0.plusSeconds(1200), true);
        assertThat(t.customerWaitingSince)
                .as("an automated message after the reply")
                .isNull();
        t.customerWrote(T0.plusSeconds(1800), false);
        t.autoReplied(T0.plusSeconds(1860));
        t.customerWrote(T0.plusSeconds(2400), false);
        assertThat(t.customerWaitingSince)
                .as("an auto-reply in between answers nothing")
                .isEqualTo(T0.plusSeconds(1800));
    }

    @Test
    void messagesDeliveredOutOfOrderCountByWhenTheyWereWritten() {
        Ticket t = newTicket();
        t.replied(T0.plusSeconds(3600), null, NONE_LATER);

        t.customerWrote(T0.plusSeconds(1800), false);
        assertThat(t.customerWaitingSince)
                .as("a customer message written before the reply was answered by it")
                .isNull();

        t.customerWrote(T0.plusSeconds(9000), false);
        t.customerWrote(T0.plusSeconds(7200), false);
        assertThat(t.customerWaitingSince)
                .as("the oldest unanswered message, even when it arrives last")
                .isEqualTo(T0.plusSeconds(7200));

        t.replied(T0.plusSeconds(8000), null, after -> {
            assertThat(after).isEqualTo(T0.plusSeconds(8000));
            return T0.plusSeconds(9000);
        });
        assertThat(t.customerWaitingSince)
                .as("a reply reported late answers only what was written before it")
                .isEqualTo(T0.plusSeconds(9000));

        t.replied(T0.plusSeconds(5000), null, after -> {
            throw new AssertionError("an older reply changes nothing and looks nothing up");
        });
        assertThat(t.customerWaitingSince).isEqualTo(T0.plusSeconds(9000));
    }

    @Test
    void aClosedTicketTakesNoMoreMessagesOrChanges() {
        Ticket t = newTicket();
        t.moveTo(TicketStatus.SOLVED, T0);
        t.moveTo(TicketStatus.CLOSED, T0);

        assertThatThrownBy(() -> t.customerWrote(T0, false)).isInstanceOf(TicketClosed.class);
        assertThatThrownBy(() -> t.replied(T0, null, NONE_LATER)).isInstanceOf(TicketClosed.class);
        assertThatThrownBy(() -> t.moveTo(TicketStatus.OPEN, T0)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> t.assignTo(7L, null, T0)).isInstanceOf(TicketClosed.class);
    }

    @Test
    void onlyLegalStatusMovesAreAllowed() {
        assertThat(TicketStatus.NEW.nextStatuses())
                .containsExactlyInAnyOrder(
                        TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED);
        assertThat(TicketStatus.SOLVED.nextStatuses())
                .containsExactlyInAnyOrder(TicketStatus.OPEN, TicketStatus.CLOSED);
        assertThat(TicketStatus.CLOSED.nextStatuses()).isEmpty();
        assertThat(TicketStatus.NEW.canMoveTo(TicketStatus.CLOSED)).isFalse();
    }

    @Test
    void assigningANewTicketOpensIt() {
        Ticket t = newTicket();

        t.assignTo(9L, null, T0);

        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(t.assigneeId()).isEqualTo(9L);
    }

    @Test
    void tagsAreLowerCasedDeduplicatedAndChecked() {
        assertThat(Ticket.normalizeTags(List.of(" Storno", "storno", "VIP", "été")))
                .containsExactly("storno", "vip", "été");
        assertThatThrownBy(() -> Ticket.normalizeTags(List.of("a b"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Ticket.normalizeTags(java.util.stream.IntStream.range(0, 31)
                        .mapToObj(i -> "t" + i)
                        .toList()))
                .isInstanceOf(InvalidInput.class);
    }
}
