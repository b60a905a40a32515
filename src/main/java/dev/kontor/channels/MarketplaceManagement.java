package dev.kontor.channels;

import dev.kontor.channels.MarketplaceCommands.CreateMarketplaceAccount;
import dev.kontor.channels.MarketplaceCommands.UpdateMarketplaceAccount;
import dev.kontor.channels.mirakl.MarketplaceAccounts;
import dev.kontor.channels.mirakl.MiraklConnection;
import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ClientCommands.CreateChannel;
import dev.kontor.clients.ClientCommands.UpdateChannel;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/** Admin operations on marketplace accounts (Mirakl operators): add, change, pause, test, poll now. */
@Service
@Validated
public class MarketplaceManagement {

    private final MarketplaceAccounts accounts;
    private final MiraklConnection connection;
    private final ClientManagement clients;

    MarketplaceManagement(MarketplaceAccounts accounts, MiraklConnection connection, ClientManagement clients) {
        this.accounts = accounts;
        this.connection = connection;
        this.clients = clients;
    }

    /** Creates the store's channel for this marketplace together with the account. */
    @Transactional
    public MarketplaceAccountView create(@Valid CreateMarketplaceAccount command) {
        StoreView store =
                clients.store(command.storeId()).orElseThrow(() -> InvalidInput.of("storeId", "unknown store"));
        var channel = clients.createChannel(
                new CreateChannel(store.id(), ChannelKind.MIRAKL, command.name().strip(), Map.of()));
        return accounts.insert(channel.id(), store.clientId(), command);
    }

    @Transactional
    public MarketplaceAccountView update(long id, @Valid UpdateMarketplaceAccount command) {
        MarketplaceAccountView updated = accounts.update(id, command);
        clients.updateChannel(updated.channelId(), new UpdateChannel(updated.name(), Map.of(), !updated.paused()));
        return updated;
    }

    @Transactional
    public MarketplaceAccountView pause(long id, boolean paused) {
        accounts.pause(id, paused);
        MarketplaceAccountView view = account(id);
        clients.updateChannel(view.channelId(), new UpdateChannel(view.name(), Map.of(), !paused));
        return view;
    }

    @Transactional(readOnly = true)
    public List<MarketplaceAccountView> accounts() {
        return accounts.all();
    }

    @Transactional(readOnly = true)
    public MarketplaceAccountView account(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFound("marketplace account " + id));
    }

    /** Calls the marketplace with the saved settings and reports the exact error, if any. */
    public MarketplaceCheck check(long id) {
        account(id);
        return connection.check(id);
    }

    /** Polls the account now (after a running poll of it has finished), whatever its interval or backoff. */
    public ChannelAdapter.PollOutcome pollNow(long id) {
        account(id);
        accounts.pollSoon(id);
        return connection.pollNow(id);
    }
}
