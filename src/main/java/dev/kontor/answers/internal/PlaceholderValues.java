package dev.kontor.answers.internal;

import dev.kontor.answers.AnswerSettings;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.customers.CustomerView;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.orders.OrderView;
import dev.kontor.tickets.TicketView;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The values of the placeholders for a ticket, written for a reader of {@code language}: dates and amounts in that
 * language's form, the order's state in words. Reads only what is stored (the last order snapshot), so filling a
 * template never calls a marketplace. A value that is not known is left out, never made up.
 */
@Component
public class PlaceholderValues {

    private final CustomerManagement customers;
    private final ClientManagement clients;
    private final OrderManagement orders;
    private final PolicyRepository policies;
    private final MessageSource messages;
    private final AnswerSettings settings;

    PlaceholderValues(
            CustomerManagement customers,
            ClientManagement clients,
            OrderManagement orders,
            PolicyRepository policies,
            MessageSource messages,
            AnswerSettings settings) {
        this.customers = customers;
        this.clients = clients;
        this.orders = orders;
        this.policies = policies;
        this.messages = messages;
        this.settings = settings;
    }

    public Map<String, String> of(TicketView t, String agentName, String language) {
        Locale locale = withCountry(Locale.forLanguageTag(language));
        Map<String, String> v = new HashMap<>();
        v.put("ticket.number", String.valueOf(t.number()));
        v.put("ticket.subject", t.subject());
        customers.customer(t.customerId()).map(CustomerView::displayName).ifPresent(name -> {
            v.put("customer.name", name);
            v.put("customer.first_name", firstName(name));
        });
        if (agentName != null && !agentName.isBlank()) {
            v.put("agent.name", agentName);
            v.put("agent.first_name", firstName(agentName));
        }
        clients.store(t.storeId()).map(StoreView::name).ifPresent(name -> v.put("store.name", name));
        policies.signature(t.storeId(), language).ifPresent(s -> v.put("store.signature", s));
        Optional<Integer> returnDays = policies.returnDays(t.clientId());
        returnDays.ifPresent(d -> v.put("order.return_days", String.valueOf(d)));
        order(t).ifPresent(o -> {
            v.put("order.number", o.commercialId() != null ? o.commercialId() : o.orderId());
            put(v, "order.date", date(o.createdAt(), locale));
            put(v, "order.state", state(o.state(), locale));
            if (!o.lines().isEmpty()) {
                v.put(
                        "order.items",
                        o.lines().stream()
                                .map(l -> l.quantity() + " × " + (l.title() != null ? l.title() : l.sku()))
                                .collect(Collectors.joining("\n")));
                v.put(
                        "order.item_count",
                        String.valueOf(o.lines().stream()
                                .mapToInt(OrderData.Line::quantity)
                                .sum()));
            }
            put(v, "order.total", amount(o.totalPrice(), o.currency(), locale));
            put(v, "order.carrier", o.shippingCarrier());
            put(v, "order.tracking_number", o.trackingNumber());
            put(v, "order.tracking_link", o.trackingUrl());
            put(v, "order.ship_by", date(o.shippingDeadline(), locale));
            if (returnDays.isPresent() && o.createdAt() != null) {
                put(v, "order.return_until", date(o.createdAt().plus(returnDays.get(), ChronoUnit.DAYS), locale));
            }
        });
        return v;
    }

    /** The first order the ticket is about that Kontor has a snapshot of. */
    private Optional<OrderData> order(TicketView t) {
        for (String ref : t.orderRefs()) {
            String id = orders.resolve(t.clientId(), ref).orElse(ref);
            Optional<OrderView> known = orders.known(t.clientId(), t.channelId(), id);
            if (known.isPresent()) {
                return known.map(OrderView::order);
            }
        }
        return Optional.empty();
    }

    private String state(String code, Locale locale) {
        if (code == null) {
            return null;
        }
        String plain = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return messages.getMessage("answers.orderState." + code, null, plain, locale);
    }

    private String date(Instant at, Locale locale) {
        return at == null
                ? null
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(locale)
                        .format(at.atZone(settings.zone()));
    }

    private static String amount(BigDecimal value, String currency, Locale locale) {
        if (value == null) {
            return null;
        }
        try {
            NumberFormat f = NumberFormat.getCurrencyInstance(locale);
            if (currency != null) {
                f.setCurrency(Currency.getInstance(currency));
            }
            return f.format(value);
        } catch (IllegalArgumentException e) {
            return value.toPlainString() + (currency == null ? "" : " " + currency);
        }
    }

    /**
     * Currency and date formats need a country; the language's main one writes them as its readers expect (en: 20
     * November 2026, not the American order). Other languages keep the language's own form.
     */
    private static Locale withCountry(Locale language) {
        String country = switch (language.getLanguage()) {
            case "en" -> "GB";
            case "de" -> "DE";
            case "fr" -> "FR";
            case "it" -> "IT";
            case "es" -> "ES";
            case "nl" -> "NL";
            case "pt" -> "PT";
            case "pl" -> "PL";
            default -> "";
        };
        return country.isEmpty()
                ? language
                : new Locale.Builder()
                        .setLanguage(language.getLanguage())
                        .setRegion(country)
                        .build();
    }

    private static void put(Map<String, String> v, String key, String value) {
        if (value != null && !value.isBlank()) {
            v.put(key, value);
        }
    }

    static String firstName(String name) {
        String s = name.strip();
        int space = s.indexOf(' ');
        return space > 0 ? s.substring(0, space) : s;
    }
}
