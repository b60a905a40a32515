package dev.kontor.channels.api;

import dev.kontor.clients.ChannelView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.customers.CustomerView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.IngestResult;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketManagement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts a message for a store the caller may see: resolves the customer by e-mail and hands the message to the
 * ticket module, all in one transaction, so a message is either fully stored or not at all.
 */
@Service
class ApiChannel {

    private final ClientManagement clients;
    private final CustomerManagement customers;
    private final TicketManagement tickets;

    ApiChannel(ClientManagement clients, CustomerManagement customers, TicketManagement tickets) {
        this.clients = clients;
        this.customers = customers;
        this.tickets = tickets;
    }

    @Transactional
    IngestResult receive(InboundMessageRequest request, ClientScope scope) {
        StoreView store = clients.storeByKey(request.store().strip())
                .filter(s -> scope.permits(s.clientId()))
                .orElseThrow(() -> InvalidInput.of("store", "unknown store key"));
        if (!store.active()) {
            throw InvalidInput.of("store", "the store is inactive");
        }
        ChannelView channel = clients.apiChannelOf(store.id());
        if (!channel.active()) {
            throw InvalidInput.of("store", "the store's API channel is paused");
        }
        List<NewAttachment> files = decode(request.attachments());
        CustomerView customer = customers.resolve(
                store.clientId(),
                "email",
                request.from().email(),
                request.from().name());
        String externalId = request.externalId() == null || request.externalId().isBlank()
                ? null
                : request.externalId().strip();
        return tickets.ingest(new IngestMessage(
                store.clientId(),
                store.id(),
                channel.id(),
                customer.id(),
                request.from().name() == null || request.from().name().isBlank()
                        ? request.from().email()
                        : request.from().name().strip(),
                request.subject(),
                request.body(),
                null,
                externalId,
                null,
                null,
                files));
    }

    private static List<NewAttachment> decode(List<InboundMessageRequest.Attachment> attachments) {
        List<NewAttachment> files = new ArrayList<>();
        if (attachments == null) {
            return files;
        }
        for (int i = 0; i < attachments.size(); i++) {
            var a = attachments.get(i);
            try {
                files.add(new NewAttachment(
                        a.filename(),
                        a.contentType(),
                        Base64.getDecoder().decode(a.contentBase64().replaceAll("\\s+", ""))));
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("attachments[" + i + "].contentBase64", "is not valid base64");
            }
        }
        return files;
    }
}
