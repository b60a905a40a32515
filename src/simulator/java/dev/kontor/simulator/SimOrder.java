package dev.kontor.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An order on the simulated marketplace, with Mirakl's states: WAITING_ACCEPTANCE → (OR21) SHIPPING or REFUSED;
 * SHIPPING → (OR29/OR30) CANCELED, or shipped → SHIPPED → RECEIVED. It can be cancelled only while SHIPPING.
 */
public final class SimOrder {

    // Mutated only under the owning SimMarketplace's lock; volatile so tests and other threads read current values.
    final long shopId;
    final String orderId;
    final String commercialId;
    volatile String state;
    final String currency;
    final Instant createdAt;
    volatile Instant updatedAt;
    final Instant shippingDeadline;
    volatile String carrierCode;
    volatile String carrierName;
    volatile String tracking;
    volatile String trackingUrl;
    final String customerId;
    final String firstname;
    final String lastname;
    final String country;
    final List<Line> lines;

    private SimOrder(Builder b) {
        this.shopId = b.shopId;
        this.orderId = b.orderId;
        this.commercialId = b.orderId.replaceAll("-[A-Z]$", "");
        this.state = b.state;
        this.currency = b.currency;
        this.createdAt = b.createdAt;
        this.updatedAt = b.createdAt;
        this.shippingDeadline = b.shippingDeadline;
        this.carrierCode = b.carrierCode;
        this.carrierName = b.carrierName;
        this.tracking = b.tracking;
        this.trackingUrl = b.trackingUrl;
        this.customerId = b.customerId;
        this.firstname = b.firstname;
        this.lastname = b.lastname;
        this.country = b.country;
        this.lines = new ArrayList<>();
        for (int i = 0; i < b.lines.size(); i++) {
            Line l = b.lines.get(i);
            String lineState = "WAITING_ACCEPTANCE".equals(b.state)
                            || "SHIPPING".equals(b.state)
                            || "SHIPPED".equals(b.state)
                            || "RECEIVED".equals(b.state)
                            || "CLOSED".equals(b.state)
                            || "CANCELED".equals(b.state)
                            || "REFUSED".equals(b.state)
                    ? b.state
                    : "SHIPPING";
            lines.add(new Line(orderId + "-" + (i + 1), i + 1, l.sku, l.title, l.quantity, l.unitPrice, lineState));
        }
    }

    public static Builder builder(long shopId, String orderId) {
        return new Builder(shopId, orderId);
    }

    public String state() {
        return state;
    }

    public String orderId() {
        return orderId;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Mirakl lets a seller cancel an order it accepted and has not shipped yet. */
    public boolean canCancel() {
        return "SHIPPING".equals(state);
    }

    public Instant lastUpdated() {
        return updatedAt;
    }

    public String trackingNumber() {
        return tracking;
    }

    BigDecimal price() {
        return lines.stream()
                .filter(l -> !"REFUSED".equals(l.state))
                .map(Line::price)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal shippingPrice() {
        return lines.isEmpty() ? BigDecimal.ZERO : new BigDecimal("4.90");
    }

    /** An order line: {@code price} is unit price × quantity not cancelled. */
    public static final class Line {
        final String id;
        final int index;
        final String sku;
        final String title;
        final int quantity;
        final BigDecimal unitPrice;
        volatile String state;
        volatile int cancelledQuantity;
        final List<String> cancelations = new CopyOnWriteArrayList<>();

        Line(String id, int index, String sku, String title, int quantity, BigDecimal unitPrice, String state) {
            this.id = id;
            this.index = index;
            this.sku = sku;
            this.title = title;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
            this.state = state;
        }

        public String id() {
            return id;
        }

        public String state() {
            return state;
        }

        public int quantity() {
            return quantity;
        }

        public int cancelledQuantity() {
            return cancelledQuantity;
        }

        BigDecimal price() {
            return unitPrice
                    .multiply(BigDecimal.valueOf(quantity - cancelledQuantity))
                    .setScale(2, RoundingMode.HALF_UP);
        }
    }

    public static final class Builder {
        private final long shopId;
        private final String orderId;
        private String state = "SHIPPING";
        private String currency = "EUR";
        private Instant createdAt = Instant.parse("2026-11-20T09:00:00Z");
        private Instant shippingDeadline;
        private String carrierCode;
        private String carrierName;
        private String tracking;
        private String trackingUrl;
        private String customerId;
        private String firstname = "Claire";
        private String lastname = "Dubois";
        private String country = "FRA";
        private final List<Line> lines = new ArrayList<>();

        private Builder(long shopId, String orderId) {
            this.shopId = shopId;
            this.orderId = orderId;
            this.customerId = "cust-" + orderId;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder created(Instant at) {
            this.createdAt = at;
            return this;
        }

        public Builder customer(String id, String firstname, String lastname) {
            this.customerId = id;
            this.firstname = firstname;
            this.lastname = lastname;
            return this;
        }

        public Builder country(String iso3) {
            this.country = iso3;
            return this;
        }

        public Builder carrier(String code, String name, String tracking, String url) {
            this.carrierCode = code;
            this.carrierName = name;
            this.tracking = tracking;
            this.trackingUrl = url;
            return this;
        }

        public Builder shippingDeadline(Instant at) {
            this.shippingDeadline = at;
            return this;
        }

        public Builder line(String sku, String title, int quantity, String unitPrice) {
            lines.add(new Line(null, 0, sku, title, quantity, new BigDecimal(unitPrice), null));
            return this;
        }

        /** {@code n} lines from a small outdoor and home catalogue. */
        public Builder lines(int n) {
            for (int i = 0; i < n; i++) {
                String[] item = Catalogue.ITEMS[(Math.abs(orderId.hashCode()) + i) % Catalogue.ITEMS.length];
                line(item[0], item[1], 1 + i % 2, item[2]);
            }
            return this;
        }

        public SimOrder build() {
            if (lines.isEmpty()) {
                lines(1);
            }
            if (shippingDeadline == null) {
                shippingDeadline = createdAt.plus(Duration.ofDays(2));
            }
            return new SimOrder(this);
        }
    }
}
