package dev.kontor.drafts.internal;

import dev.kontor.orders.OrderData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a draft may state: the ticket's data and its sources. Numbers, amounts and dates are gathered from the order
 * snapshot and from the text of every source (conversation, policy articles, the filled template).
 *
 * @param language the customer's language the draft must be written in
 * @param detectedLanguage the language the draft reads as (null or {@code unknown} when too short to tell)
 * @param marketplace the ticket came from a marketplace, which forbids contact details in replies
 * @param orderTotal the order's total, when an order is known
 * @param returnDays the client's return window in days, when set
 * @param policyText the text of the client's policy articles the draft was given
 * @param linkHosts hosts a draft may link to: the carrier's tracking link, the client's domains, and links in the
 *     client's own texts (policy articles, the template), never links from the conversation
 */
public record DraftFacts(
        String language,
        String detectedLanguage,
        boolean marketplace,
        BigDecimal orderTotal,
        String sourceText,
        Set<BigDecimal> amounts,
        Set<LocalDate> dates,
        Integer returnDays,
        String policyText,
        Set<String> linkHosts) {

    /** The facts of a ticket whose order is {@code order} (may be null) and whose sources read {@code sources}. */
    public static DraftFacts of(
            String language,
            String detectedLanguage,
            boolean marketplace,
            OrderData order,
            Collection<String> orderRefs,
            Collection<String> sources,
            Integer returnDays,
            String policyText,
            String trustedText,
            Collection<String> linkDomains,
            ZoneId zone) {
        List<String> texts = new ArrayList<>(sources);
        texts.addAll(orderRefs);
        Set<BigDecimal> amounts = new HashSet<>();
        Set<LocalDate> dates = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        BigDecimal total = null;
        if (order != null) {
            texts.add(String.join(" ", nonNull(order.orderId(), order.commercialId(), order.trackingNumber())));
            total = order.totalPrice();
            addAmount(amounts, order.totalPrice());
            addAmount(amounts, order.shippingPrice());
            if (order.totalPrice() != null && order.shippingPrice() != null) {
                addAmount(amounts, order.totalPrice().subtract(order.shippingPrice()));
            }
            for (OrderData.Line l : order.lines()) {
                addAmount(amounts, l.unitPrice());
                addAmount(amounts, l.price());
                if (l.unitPrice() != null) {
                    addAmount(amounts, l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
                }
            }
            for (Instant at : nonNull(order.createdAt(), order.shippingDeadline(), order.updatedAt())) {
                dates.add(at.atZone(zone).toLocalDate());
            }
            if (order.createdAt() != null && returnDays != null) {
                dates.add(order.createdAt()
                        .plus(returnDays, ChronoUnit.DAYS)
                        .atZone(zone)
                        .toLocalDate());
            }
            if (order.trackingUrl() != null) {
                String host = Scan.host(order.trackingUrl());
                if (host != null) {
                    hosts.add(host);
                }
            }
        }
        String all = String.join("\n", texts);
        Scan.amounts(all).forEach(f -> addAmount(amounts, f.value()));
        Scan.dates(all).forEach(f -> dates.add(f.value()));
        // Links the client wrote (policy, template) may be repeated; a link a customer sent may not (phishing).
        Scan.links((policyText == null ? "" : policyText) + "\n" + (trustedText == null ? "" : trustedText)).stream()
                .map(Scan::host)
                .filter(h -> h != null)
                .forEach(hosts::add);
        for (String d : linkDomains) {
            hosts.add(Scan.withoutWww(d.strip().toLowerCase(Locale.ROOT)));
        }
        return new DraftFacts(
                language,
                detectedLanguage,
                marketplace,
                total,
                all,
                Set.copyOf(amounts),
                Set.copyOf(dates),
                returnDays,
                policyText == null ? "" : policyText,
                Set.copyOf(hosts));
    }

    public boolean knowsAmount(BigDecimal value) {
        return amounts.stream().anyMatch(a -> a.compareTo(value) == 0);
    }

    /** The link's host is an allowed one or one of its subdomains. */
    public boolean allowsHost(String host) {
        return host != null && linkHosts.stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h));
    }

    private static void addAmount(Set<BigDecimal> amounts, BigDecimal value) {
        if (value != null) {
            amounts.add(value.stripTrailingZeros());
        }
    }

    @SafeVarargs
    private static <T> List<T> nonNull(T... values) {
        List<T> out = new ArrayList<>();
        for (T v : values) {
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
