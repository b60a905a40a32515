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
import org.junit.jupiter.api.Test;

class TicketUnitTests {

    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    /** A ticket as the repository returns it after the first save. */
    static Ticket newTicket() {
        Ticket t = Ticket.open(1, 2, 3, 4, "Where is my order?", T0);
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

        t.replied(T0.plusSeconds(600), null);
        t.replied(T0.plusSeconds(900), TicketStatus.PENDING);

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

            t.customerWrote(T0.plusSeconds(60));

            assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        }
    }

    @Test
    void theCustomerWaitsSinceTheirOldestUnansweredMessageNotTheLatest() {
        Ticket t = newTicket();

        t.customerWrote(T0.plusSeconds(1800));
        assertThat(t.customerWaitingSince)
                .as("a second message does not restart the wait")
                .isEqualTo(T0);

        t.autoReplied(T0.plusSeconds(1900));
        assertThat(t.customerWaitingSince).as("an auto-reply answers nothing").isEqualTo(T0);

        t.replied(T0.plusSeconds(3600), TicketStatus.PENDING);
        assertThat(t.customerWaitingSince).as("answered").isNull();

        t.customerWrote(T0.plusSeconds(7200));
        t.customerWrote(T0.plusSeconds(9000));
        assertThat(t.customerWaitingSince).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void aClosedTicketTakesNoMoreMessagesOrChanges() {
        Ticket t = newTicket();
        t.moveTo(TicketStatus.SOLVED, T0);
        t.moveTo(TicketStatus.CLOSED, T0);

        assertThatThrownBy(() -> t.customerWrote(T0)).isInstanceOf(TicketClosed.class);
        assertThatThrownBy(() -> t.replied(T0, null)).isInstanceOf(TicketClosed.class);
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
