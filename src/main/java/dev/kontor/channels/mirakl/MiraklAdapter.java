package dev.kontor.channels.mirakl;

import dev.kontor.channels.ChannelAdapter;
import dev.kontor.channels.ReplyDelivery;
import dev.kontor.clients.ChannelKind;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Mirakl marketplaces as a {@link ChannelAdapter}: M11 polling, M12 replies; orders in {@link MiraklOrders}. */
@Component
class MiraklAdapter implements ChannelAdapter {

    private final MarketplaceAccounts accounts;
    private final MiraklPoller poller;
    private final MiraklOutbox outbox;

    MiraklAdapter(MarketplaceAccounts accounts, MiraklPoller poller, MiraklOutbox outbox) {
        this.accounts = accounts;
        this.poller = poller;
        this.outbox = outbox;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.MIRAKL;
    }

    @Override
    public List<Long> dueAccounts(Instant now) {
        return accounts.due(now);
    }

    @Override
    public PollOutcome poll(long accountId) {
        return poller.poll(accountId);
    }

    @Override
    public int sendDue() {
        return outbox.sendDue();
    }

    @Override
    public Map<Long, ReplyDelivery> deliveries(Collection<Long> messageIds) {
        return outbox.deliveries(messageIds);
    }

    @Override
    public boolean retry(long messageId) {
        return outbox.retry(messageId);
    }
}
