package dev.kontor.orders;

/** What came of an order action: {@code done}, {@code rejected} (the channel's answer says why) or {@code failed}. */
public record OrderActionOutcome(String outcome, String answer, OrderView order) {

    public boolean done() {
        return "done".equals(outcome);
    }
}
