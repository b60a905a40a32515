package dev.kontor.channels;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Where agents' replies stand on their way out, whichever channel sends them. */
@Service
public class ReplyDeliveries {

    private final List<ChannelAdapter> adapters;

    ReplyDeliveries(List<ChannelAdapter> adapters) {
        this.adapters = adapters;
    }

    @Transactional(readOnly = true)
    public Map<Long, ReplyDelivery> of(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, ReplyDelivery> all = new HashMap<>();
        adapters.forEach(a -> all.putAll(a.deliveries(messageIds)));
        return all;
    }

    /** "Send again": the reply goes back to the front of its channel's queue. */
    @Transactional
    public void retry(long messageId) {
        for (ChannelAdapter adapter : adapters) {
            if (adapter.retry(messageId)) {
                return;
            }
        }
    }
}
