package dev.kontor.channels.mirakl;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The parts of Mirakl's seller API the connector reads, with the field names of Mirakl's OpenAPI document (mapped
 * from snake_case). Unknown fields are ignored: Mirakl adds fields and enum values over time.
 */
final class MiraklApi {

    private MiraklApi() {}

    /** M11 page. */
    record ThreadPage(List<MThread> data, String nextPageToken) {}

    record MThread(
            String id,
            Instant dateCreated,
            Instant dateUpdated,
            Topic topic,
            List<Entity> entities,
            List<Participant> authorizedParticipants,
            Metadata metadata,
            List<Message> messages,
            List<NoReplyNeeded> noStoreReplyNeeded) {

        String orderId() {
            return entities == null
                    ? null
                    : entities.stream()
                            .filter(e -> "MMP_ORDER".equals(e.type()))
                            .map(Entity::id)
                            .findFirst()
                            .orElse(null);
        }

        Participant customer() {
            return authorizedParticipants == null
                    ? null
                    : authorizedParticipants.stream()
                            .filter(p -> "CUSTOMER".equals(p.type()))
                            .findFirst()
                            .orElse(null);
        }
    }

    record Topic(String type, String value) {}

    record Entity(String id, String label, String type) {}

    record Participant(String type, String id, String displayName) {}

    record Metadata(Instant lastMessageDate, Integer totalCount, Instant shopReplyNeededSince) {}

    record NoReplyNeeded(Instant date, String userType) {}

    record Message(
            String id,
            Instant dateCreated,
            String body,
            Sender from,
            List<Participant> to,
            List<Attachment> attachments) {}

    record Sender(String type, String displayName, Participant organizationDetails) {}

    record Attachment(String id, String name, long size) {}

    /** M12 answer. */
    record Posted(String messageId, String threadId) {}

    /** OR11 page. */
    record OrderPage(List<Order> orders, Integer totalCount) {}

    record Order(
            String orderId,
            String commercialId,
            String orderState,
            boolean canCancel,
            String currencyIsoCode,
            BigDecimal price,
            BigDecimal shippingPrice,
            BigDecimal totalPrice,
            String shippingCarrierCode,
            String shippingCompany,
            String shippingTracking,
            String shippingTrackingUrl,
            Instant shippingDeadline,
            Instant createdDate,
            Instant lastUpdatedDate,
            Customer customer,
            String customerNotificationEmail,
            List<OrderLine> orderLines) {}

    record Customer(String customerId, String firstname, String lastname) {}

    record OrderLine(
            String orderLineId,
            String orderLineState,
            String offerSku,
            String productTitle,
            int quantity,
            BigDecimal priceUnit,
            BigDecimal price) {}
}
