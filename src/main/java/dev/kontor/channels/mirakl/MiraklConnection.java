package dev.kontor.channels.mirakl;

import dev.kontor.channels.ChannelAdapter.PollOutcome;
import dev.kontor.channels.MarketplaceCheck;
import org.springframework.stereotype.Component;

/** "Test connection" and "poll now" for admins, behind {@code MarketplaceManagement}. */
@Component
public class MiraklConnection {

    private final MarketplaceAccounts accounts;
    private final MiraklClient client;
    private final MiraklPoller poller;

    MiraklConnection(MarketplaceAccounts accounts, MiraklClient client, MiraklPoller poller) {
        this.accounts = accounts;
        this.client = client;
        this.poller = poller;
    }

    /** One cheap M11 call (a single thread) with the stored key: proves the URL, the key and the shop id. */
    public MarketplaceCheck check(long accountId) {
        try {
            client.threads(accounts.account(accountId).target(), null, null, 1);
            return new MarketplaceCheck(null);
        } catch (MiraklFailure f) {
            return new MarketplaceCheck(f.getMessage());
        } catch (RuntimeException e) {
            return new MarketplaceCheck(MiraklClient.describe(e));
        }
    }

    public PollOutcome pollNow(long accountId) {
        return poller.poll(accountId);
    }
}
