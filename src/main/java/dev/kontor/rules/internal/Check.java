package dev.kontor.rules.internal;

import dev.kontor.tickets.TicketAging;
import dev.kontor.tickets.TicketView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A compiled condition: named, small, and given only the facts it reads. */
public sealed interface Check {

    boolean test(Facts f);

    /** One of several values of a ticket fact (language is fr, de). */
    record OneOf(String field, Function<Facts, String> fact, Set<String> values, boolean negated) implements Check {
        @Override
        public boolean test(Facts f) {
            String v = fact.apply(f);
            boolean hit = v != null && values.contains(v);
            return negated != hit;
        }
    }

    /** A set fact (assignee, team) or none. */
    record Present(String field, Function<Facts, Object> fact, boolean wanted) implements Check {
        @Override
        public boolean test(Facts f) {
            return (fact.apply(f) != null) == wanted;
        }
    }

    record HasTag(String tag, boolean negated) implements Check {
        @Override
        public boolean test(Facts f) {
            return negated != f.ticket().tags().contains(tag);
        }
    }

    /** The trigger added this tag. */
    record AddedTag(String tag) implements Check {
        @Override
        public boolean test(Facts f) {
            return f.context().addedTags().contains(tag);
        }
    }

    /** Subject and customer message contain a phrase (case-insensitive). */
    /** Any of the phrases (lower case) occurs in the subject or the customer's message; negated: none does. */
    record TextContains(List<String> phrases, boolean negated) implements Check {
        @Override
        public boolean test(Facts f) {
            String text = f.text();
            return negated != phrases.stream().anyMatch(text::contains);
        }
    }

    /**
     * An admin's regular expression on a customer's text. The pattern is the admin's, but the text is anyone's,
     * so a pattern that backtracks catastrophically on some text ({@code (a+)+$}) must not stall the message
     * flow: the search gets a fixed budget of character reads and counts as no match when it runs out.
     */
    record TextMatches(Pattern pattern) implements Check {

        static final int MAX_READS = 2_000_000;

        @Override
        public boolean test(Facts f) {
            return find(pattern, f.text());
        }

        static boolean find(Pattern pattern, CharSequence text) {
            try {
                return pattern.matcher(new Budgeted(text, new int[] {MAX_READS}))
                        .find();
            } catch (Budgeted.Exhausted e) {
                return false;
            }
        }

        /** A text that stops the regex engine after its budget of reads (shared with its subsequences). */
        private record Budgeted(CharSequence text, int[] left) implements CharSequence {

            static final class Exhausted extends RuntimeException {
                Exhausted() {
                    super("regular expression budget exhausted", null, false, false);
                }
            }

            @Override
            public char charAt(int index) {
                if (--left[0] < 0) {
                    throw new Exhausted();
                }
                return text.charAt(index);
            }

            @Override
            public int length() {
                return text.length();
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return new Budgeted(text.subSequence(start, end), left);
            }

            @Override
            public String toString() {
                return text.toString();
            }
        }
    }

    /** The order's total (without an order the condition does not hold). */
    record OrderValue(BigDecimal amount, boolean above) implements Check {
        @Override
        public boolean test(Facts f) {
            return f.order()
                    .map(o -> o.totalPrice())
                    .filter(Objects::nonNull)
                    .map(total -> above ? total.compareTo(amount) > 0 : total.compareTo(amount) < 0)
                    .orElse(false);
        }
    }

    record OrderState(Set<String> states, boolean negated) implements Check {
        @Override
        public boolean test(Facts f) {
            String state = f.order().map(o -> o.state()).orElse(null);
            return negated != (state != null && states.contains(state));
        }
    }

    record BusinessHours(boolean inside) implements Check {
        @Override
        public boolean test(Facts f) {
            return f.insideBusinessHours() == inside;
        }
    }

    /**
     * A condition on elapsed time. Time rules use {@link #narrow} to read only candidate tickets, and the anchor
     * (what the time counts from) to fire once per episode: a new customer message, a new status or a new deadline
     * starts a new one.
     */
    sealed interface Elapsed extends Check {
        /** The candidates' window narrowed by this condition (the tickets module reads it with an index). */
        TicketAging narrow(TicketAging w, Instant now);

        String anchor(TicketView t);
    }

    /** The customer has been waiting for an answer longer than this (since their oldest unanswered message). */
    record CustomerWaiting(Duration longerThan) implements Elapsed {
        @Override
        public boolean test(Facts f) {
            Instant since = f.ticket().customerWaitingSince();
            return since != null && !since.plus(longerThan).isAfter(f.now());
        }

        @Override
        public TicketAging narrow(TicketAging w, Instant now) {
            return new TicketAging(
                    w.clientId(), now.minus(longerThan), w.statusSinceBefore(), w.slaDueAfter(), w.slaDueBefore());
        }

        @Override
        public String anchor(TicketView t) {
            return "customer:" + t.customerWaitingSince();
        }
    }

    /** In the current status for longer than this. */
    record InStatusFor(Duration longerThan) implements Elapsed {
        @Override
        public boolean test(Facts f) {
            return !f.ticket().statusSince().plus(longerThan).isAfter(f.now());
        }

        @Override
        public TicketAging narrow(TicketAging w, Instant now) {
            return new TicketAging(
                    w.clientId(),
                    w.customerWaitingSinceBefore(),
                    now.minus(longerThan),
                    w.slaDueAfter(),
                    w.slaDueBefore());
        }

        @Override
        public String anchor(TicketView t) {
            return "status:" + t.status().key() + "@" + t.statusSince();
        }
    }

    /** The next SLA deadline is ahead, within this. */
    record SlaDueWithin(Duration within) implements Elapsed {
        @Override
        public boolean test(Facts f) {
            Instant due = f.ticket().slaDueAt();
            return due != null && due.isAfter(f.now()) && !due.isAfter(f.now().plus(within));
        }

        @Override
        public TicketAging narrow(TicketAging w, Instant now) {
            return new TicketAging(
                    w.clientId(), w.customerWaitingSinceBefore(), w.statusSinceBefore(), now, now.plus(within));
        }

        @Override
        public String anchor(TicketView t) {
            return "sla:" + t.slaMetric() + "@" + t.slaDueAt();
        }
    }

    /** The next SLA deadline passed more than this ago. */
    record SlaOverdue(Duration moreThan) implements Elapsed {
        @Override
        public boolean test(Facts f) {
            Instant due = f.ticket().slaDueAt();
            return due != null && !due.plus(moreThan).isAfter(f.now());
        }

        @Override
        public TicketAging narrow(TicketAging w, Instant now) {
            return new TicketAging(
                    w.clientId(), w.customerWaitingSinceBefore(), w.statusSinceBefore(), null, now.minus(moreThan));
        }

        @Override
        public String anchor(TicketView t) {
            return "sla:" + t.slaMetric() + "@" + t.slaDueAt();
        }
    }
}
