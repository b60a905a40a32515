package dev.kontor.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as a sales channel reports it. {@code state} is the channel's own state code (e.g. Mirakl's). */
public record OrderData(
        String orderId,
        String commercialId,
        String state,
        boolean canCancel,
        String currency,
        BigDecimal totalPrice,
        BigDecimal shippingPrice,
        String shippingCarrier,
        String trackingNumber,
        String trackingUrl,
        Instant shippingDeadline,
        String customerName,
        String customerEmail,
        Instant createdAt,
        Instant updatedAt,
        List<Line> lines) {

    public record Line(
            String lineId,
            String sku,
            String title,
            int quantity,
            BigDecimal unitPrice,
            BigDecimal price,
            String state) {

        /** The seller still has to accept or refuse this line. */
        public boolean awaitsAcceptance() {
            return "WAITING_ACCEPTANCE".equals(state);
        }
    }
}
