package dev.kontor.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SLA clock with fixed instants: response and resolution deadlines, pause and resume, marketplace clocks. */
class SlaRulesUnitTests {

    static final BusinessCalendar BERLIN = BusinessCalendar.of("Europe/Berlin", "mon-fri 09:00-18:00", Set.of());
    static final Instant MONDAY_10 = Instant.parse("2026-11-23T09:00:00Z"); // 10:00 in Berlin
    static final SlaRules.Targets STANDARD = new SlaRules.Targets(120, 240, 16 * 60, false);
    static final SlaRules.Pause RUNNING = new SlaRules.Pause(0, false);

    static SlaRules.Facts facts(Instant firstResponse, Instant unansweredSince, String category) {
        return new SlaRules.Facts(MONDAY_10, firstResponse, unansweredSince, true, category, null, false);
    }

    static SlaRules.Result at(SlaRules.Facts f, SlaRules.Targets t, SlaRules.Pause p, SlaRules.Order o, Instant now) {
        return SlaRules.deadlines(
                f, t, BERLIN, p, Duration.ofHours(2), Duration.ofHours(1), o, o == null ? null : o.orderId(), now);
    }

    @Test
    void aNewTicketHasAFirstResponseAndAResolutionDeadlineInBusinessHours() {
        var r = at(facts(null, MONDAY_10, "return"), STANDARD, RUNNING, null, MONDAY_10);
        assertThat(r.deadlines())
                .extracting(TicketSla.Deadline::metric)
                .containsExactly("first_response", "resolution");
        assertThat(r.deadlines().get(0).dueAt()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        // 16 business hours from Monday 10:00: 8 h Monday, 8 h Tuesday (09:00-17:00) → Tuesday 17:00 Berlin.
        assertThat(r.deadlines().get(1).dueAt()).isEqualTo(Instant.parse("2026-11-24T16:00:00Z"));
    }

    @Test
    void afterTheReplyOnlyResolutionRunsAndTheNextMessageStartsTheNextResponseClock() {
        Instant replied = MONDAY_10.plus(Duration.ofMinutes(30));
        var answered = at(facts(replied, null, "return"), STANDARD, RUNNING, null, replied);
        assertThat(answered.deadlines()).extracting(TicketSla.Deadline::metric).containsExactly("resolution");

        Instant wroteAgain = Instant.parse("2026-11-23T15:00:00Z"); // 16:00 Berlin
        var again = at(facts(replied, wroteAgain, "return"), STANDARD, RUNNING, null, wroteAgain);
        // 4 business hours from Monday 16:00: 2 h Monday, 2 h Tuesday → Tuesday 11:00 Berlin.
        assertThat(again.deadlines().get(0).metric()).isEqualTo("next_response");
        assertThat(again.deadlines().get(0).dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void aSecondCustomerMessageDoesNotPushTheNextResponseDeadlineLater() {
        Instant replied = MONDAY_10.plus(Duration.ofMinutes(30));
        Instant wrote = Instant.parse("2026-11-23T12:00:00Z"); // 13:00 Berlin
        Instant wroteAgain = Instant.parse("2026-11-23T15:00:00Z"); // 16:00 Berlin, still unanswered

        var r = at(facts(replied, wrote, "return"), STANDARD, RUNNING, null, wroteAgain);
        // 4 business hours from the first unanswered message, Monday 13:00 → Monday 17:00 Berlin.
        assertThat(r.deadlines().get(0).metric()).isEqualTo("next_response");
        assertThat(r.deadlines().get(0).dueAt()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
    }

    @Test
    void aMarketplaceThatRestartsItsMarkWithEachMessageDoesNotPushTheDeadlineLater() {
        var marketplace = new SlaRules.Targets(24 * 60, 24 * 60, null, true);
        Instant replied = MONDAY_10.plus(Duration.ofMinutes(30));
        Instant wrote = Instant.parse("2026-11-23T12:00:00Z");
        Instant wroteAgain = Instant.parse("2026-11-23T20:00:00Z"); // the marketplace's mark moved here
        var f = new SlaRules.Facts(MONDAY_10, replied, wrote, true, "where_is_my_order", wroteAgain, false);
        assertThat(at(f, marketplace, RUNNING, null, wroteAgain).deadlines())
                .singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(wrote.plus(Duration.ofHours(24))));

        // Before the first reply the same holds for the ticket's first message.
        var first = new SlaRules.Facts(MONDAY_10, null, MONDAY_10, true, "where_is_my_order", wroteAgain, false);
        assertThat(at(first, marketplace, RUNNING, null, wroteAgain).deadlines())
                .singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofHours(24))));
    }

    @Test
    void waitingOnTheCustomerPausesResolutionAndTheTimeWaitedIsAddedOnResume() {
        var paused = at(facts(MONDAY_10, null, "return"), STANDARD, new SlaRules.Pause(0, true), null, MONDAY_10);
        assertThat(paused.deadlines()).isEmpty();

        // Pending from Monday 12:00 to Wednesday 12:00 Berlin: 6 h Monday + 9 h Tuesday + 3 h Wednesday = 18 h open.
        long waited = SlaRules.resumed(
                0, Instant.parse("2026-11-23T11:00:00Z"), Instant.parse("2026-11-25T11:00:00Z"), BERLIN);
        assertThat(Duration.ofSeconds(waited)).isEqualTo(Duration.ofHours(18));
        var resumed = at(
                facts(MONDAY_10, null, "return"),
                STANDARD,
                new SlaRules.Pause(waited, false),
                null,
                Instant.parse("2026-11-25T11:00:00Z"));
        // 16 h + 18 h = 34 business hours from Monday 10:00 → Thursday 17:00 Berlin.
        assertThat(resumed.deadlines())
                .singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-11-26T16:00:00Z")));
    }

    @Test
    void theMarketplaceClockStartsAtItsOwnReplyNeededSinceAndCountsEveryHour() {
        var marketplace = new SlaRules.Targets(24 * 60, 24 * 60, null, true);
        Instant since = Instant.parse("2026-11-28T20:00:00Z"); // a Saturday evening
        var f = new SlaRules.Facts(MONDAY_10, null, since, true, "where_is_my_order", since, false);
        var r = at(f, marketplace, RUNNING, null, since);
        assertThat(r.deadlines())
                .singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(Instant.parse("2026-11-29T20:00:00Z")));

        var noReply = new SlaRules.Facts(MONDAY_10, null, since, true, "where_is_my_order", since, true);
        assertThat(at(noReply, marketplace, RUNNING, null, since).deadlines()).isEmpty();
        var answered = new SlaRules.Facts(MONDAY_10, null, since, true, "where_is_my_order", null, false);
        assertThat(at(answered, marketplace, RUNNING, null, since).deadlines()).isEmpty();
    }

    @Test
    void aCancellationGetsTheShortTargetCappedByTheShippingDeadline() {
        var order = new SlaRules.Order("10045-A", "SHIPPING", true, MONDAY_10.plus(Duration.ofMinutes(90)));
        var r = at(facts(null, MONDAY_10, "cancellation"), STANDARD, RUNNING, order, MONDAY_10);
        assertThat(r.deadlines().get(0).dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(30)));
        assertThat(r.deadlines().get(0).cappedByShipping()).isTrue();
        assertThat(r.guard().canCancel()).isTrue();

        var shipped = new SlaRules.Order("10045-A", "SHIPPED", false, MONDAY_10.minus(Duration.ofHours(3)));
        var late = at(facts(null, MONDAY_10, "cancellation"), STANDARD, RUNNING, shipped, MONDAY_10);
        assertThat(late.guard().shipped()).isTrue();
        assertThat(late.deadlines().get(0).cappedByShipping()).isFalse();
        assertThat(late.deadlines().get(0).dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofHours(2)));

        // Without any policy a cancellation still gets its deadline.
        var noPolicy = at(facts(null, MONDAY_10, "cancellation"), null, RUNNING, order, MONDAY_10);
        assertThat(noPolicy.deadlines())
                .singleElement()
                .satisfies(d -> assertThat(d.metric()).isEqualTo("first_response"));
    }

    @Test
    void aCancellationWhoseShipByTimeHasPassedGetsItsTargetFromArrivalAndSaysSo() {
        // Ship-by was yesterday; the marketplace still says "can cancel" and the order is still SHIPPING.
        var late = new SlaRules.Order("10046-A", "SHIPPING", true, MONDAY_10.minus(Duration.ofHours(25)));
        var r = at(facts(null, MONDAY_10, "cancellation"), STANDARD, RUNNING, late, MONDAY_10);
        assertThat(r.deadlines().get(0).dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofHours(2)));
        assertThat(r.deadlines().get(0).breached()).isFalse();
        assertThat(r.deadlines().get(0).cappedByShipping()).isFalse();
        assertThat(r.guard().shipByPassed()).isTrue();
        assertThat(r.guard().cancellable()).isFalse();
        assertThat(r.guard().orderState()).isEqualTo("SHIPPING");

        // Ship-by in 30 minutes: the one-hour margin is gone on arrival, so the answer is due before it ships.
        var soon = new SlaRules.Order("10047-A", "SHIPPING", true, MONDAY_10.plus(Duration.ofMinutes(30)));
        var tight = at(facts(null, MONDAY_10, "cancellation"), STANDARD, RUNNING, soon, MONDAY_10);
        assertThat(tight.deadlines().get(0).dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(30)));
        assertThat(tight.deadlines().get(0).cappedByShipping()).isTrue();
        assertThat(tight.guard().cancellable()).isTrue();
        // Once that time is behind us the banner says so, and the deadline does not move.
        var later = at(
                facts(null, MONDAY_10, "cancellation"), STANDARD, RUNNING, soon, MONDAY_10.plus(Duration.ofHours(1)));
        assertThat(later.guard().shipByPassed()).isTrue();
        assertThat(later.deadlines().get(0).dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aCancellationKeepsShowingItsOrderAfterTheFirstReplyAndOnceSolved() {
        var order = new SlaRules.Order("10045-A", "SHIPPING", true, MONDAY_10.plus(Duration.ofHours(5)));
        Instant replied = MONDAY_10.plus(Duration.ofMinutes(20));
        var answered = at(facts(replied, null, "cancellation"), STANDARD, RUNNING, order, replied);
        assertThat(answered.deadlines()).extracting(TicketSla.Deadline::metric).containsExactly("resolution");
        assertThat(answered.guard()).isNotNull();
        assertThat(answered.guard().orderState()).isEqualTo("SHIPPING");
        assertThat(answered.guard().cancellable()).isTrue();

        var solved = new SlaRules.Facts(MONDAY_10, replied, null, false, "cancellation", null, false);
        assertThat(at(solved, STANDARD, RUNNING, order, replied).guard().orderId())
                .isEqualTo("10045-A");
    }

    @Test
    void aSolvedTicketHasNoDeadlines() {
        var solved = new SlaRules.Facts(MONDAY_10, null, MONDAY_10, false, "refund", null, false);
        assertThat(at(solved, STANDARD, RUNNING, null, MONDAY_10).deadlines()).isEmpty();
    }
}
