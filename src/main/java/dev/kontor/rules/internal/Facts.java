package dev.kontor.rules.internal;

import dev.kontor.orders.OrderData;
import dev.kontor.tickets.TicketView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What conditions look at: the ticket, the moment, the trigger and its details, and facts from other modules
 * (channel kind, customer tier, the customer's text, the order, business hours) loaded only when a condition asks,
 * once per evaluation.
 */
public final class Facts {

    /**
     * Details of the trigger: tags it added, the SLA metric of a warning or breach, the message it is about and,
     * when the caller has it at hand, that message's text (so it is not read again).
     */
    public record Context(List<String> addedTags, String slaMetric, Long messageId, String messageText) {
        public Context(List<String> addedTags, String slaMetric, Long messageId) {
            this(addedTags, slaMetric, messageId, null);
        }

        public static Context none() {
            return new Context(List.of(), null, null, null);
        }
    }

    /** Where facts beyond the ticket come from. */
    public interface Source {
        String channelKind(long channelId);

        String customerTier(long customerId);

        /** Subject and the customer's latest message (or the given one). */
        String text(TicketView ticket, Long messageId);

        Optional<OrderData> order(TicketView ticket);

        boolean insideBusinessHours(TicketView ticket, Instant at);
    }

    private final TicketView ticket;
    private final Instant now;
    private final Trigger trigger;
    private final Context context;
    private final Supplier<String> channelKind;
    private final Supplier<String> tier;
    private final Supplier<String> text;
    private final Supplier<Optional<OrderData>> order;
    private final Supplier<Boolean> businessHours;

    public Facts(TicketView ticket, Instant now, Trigger trigger, Context context, Source source) {
        this.ticket = ticket;
        this.now = now;
        this.trigger = trigger;
        this.context = context;
        this.channelKind = memo(() -> source.channelKind(ticket.channelId()));
        this.tier = memo(() -> source.customerTier(ticket.customerId()));
        this.text = memo(() -> {
            String s = context.messageText() != null
                    ? ticket.subject() + "\n" + context.messageText()
                    : source.text(ticket, context.messageId());
            return s == null ? "" : s.toLowerCase(Locale.ROOT);
        });
        this.order = memo(() -> source.order(ticket));
        this.businessHours = memo(() -> source.insideBusinessHours(ticket, now));
    }

    public TicketView ticket() {
        return ticket;
    }

    public Instant now() {
        return now;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Context context() {
        return context;
    }

    public String channelKind() {
        return channelKind.get();
    }

    public String customerTier() {
        return tier.get();
    }

    /** Lower-cased subject and customer message. */
    public String text() {
        return text.get();
    }

    public Optional<OrderData> order() {
        return order.get();
    }

    public boolean insideBusinessHours() {
        return businessHours.get();
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private boolean done;
            private T value;

            @Override
            public T get() {
                if (!done) {
                    value = s.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
