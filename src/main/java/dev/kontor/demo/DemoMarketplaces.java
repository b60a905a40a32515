package dev.kontor.demo;

import dev.kontor.channels.MarketplaceAccountView;
import dev.kontor.channels.MarketplaceCommands.CreateMarketplaceAccount;
import dev.kontor.channels.MarketplaceCommands.UpdateMarketplaceAccount;
import dev.kontor.channels.MarketplaceManagement;
import dev.kontor.clients.ClientCommands.CreateStore;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo marketplaces: starts the Mirakl simulator inside the demo process (when it is on the class path, as with
 * {@code ./mvnw spring-boot:run}) and connects three marketplace accounts to it, which keep receiving new
 * multilingual customer threads with orders, so the demo inbox is alive. The simulator keeps its data in memory:
 * after a restart the accounts are pointed at the new one.
 */
@Component
@Order(20)
@ConditionalOnBooleanProperty("kontor.demo.enabled")
class DemoMarketplaces implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoMarketplaces.class);

    private record Market(String code, String name, String operator, String storeKey, String clientKey, long shopId) {}

    private static final List<Market> MARKETS = List.of(
            new Market("marche-sud", "Marché Sud FR", "Marché Sud", "nordwind-mirakl-fr", "nordwind", 2001),
            new Market("nordkauf", "Nordkauf DE", "Nordkauf", "nordwind-mirakl-de", "nordwind", 3001),
            new Market("piazza", "Piazza Mercato IT", "Piazza Mercato", "casabella-mirakl-it", "casabella", 4001));

    private final MarketplaceManagement marketplaces;
    private final ClientManagement clients;
    private final DemoSettings settings;
    private final Clock clock;
    private DemoMarketplaceServer simulator;

    DemoMarketplaces(MarketplaceManagement marketplaces, ClientManagement clients, DemoSettings settings, Clock clock) {
        this.marketplaces = marketplaces;
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.marketplaces() == 0) {
            return;
        }
        DemoMarketplaceServer server = DemoMarketplaceServer.find().orElse(null);
        if (server == null) {
            log.info("Demo marketplaces: no marketplace simulator on the class path (it is not part of the jar; "
                    + "`./mvnw spring-boot:run` brings it), so the demo runs without marketplaces");
            return;
        }
        simulator = start(server, settings.simulatorPort());
        Random random = new Random();
        for (Market m : MARKETS.subList(0, Math.min(MARKETS.size(), settings.marketplaces()))) {
            String key = "demo-key-" + m.code();
            String baseUrl = simulator.open(m.code(), m.shopId(), key, 6, settings.newThreadEvery(), random);
            connect(m, baseUrl, key);
        }
        log.info(
                "Demo marketplaces: Mirakl simulator on http://127.0.0.1:{}/ with {} marketplaces, a new thread every {}",
                simulator.port(),
                Math.min(MARKETS.size(), settings.marketplaces()),
                settings.newThreadEvery());
    }

    private DemoMarketplaceServer start(DemoMarketplaceServer server, int port) {
        try {
            server.start(port, clock);
        } catch (RuntimeException busy) {
            log.warn("Port {} is taken; the demo Mirakl simulator uses a free port instead", port);
            server.start(0, clock);
        }
        return server;
    }

    private void connect(Market m, String baseUrl, String key) {
        Optional<MarketplaceAccountView> existing = marketplaces.accounts().stream()
                .filter(a -> a.name().equals(m.name()))
                .findFirst();
        if (existing.isPresent()) {
            MarketplaceAccountView a = existing.get();
            marketplaces.update(
                    a.id(),
                    new UpdateMarketplaceAccount(
                            a.name(), a.operatorName(), baseUrl, key, a.shopId(), a.copyOperator(), 20));
            return;
        }
        StoreView store = clients.storeByKey(m.storeKey())
                .orElseGet(() -> clients.createStore(new CreateStore(
                        clients.clientByKey(m.clientKey()).orElseThrow().id(), m.storeKey(), "Mirakl: " + m.name())));
        marketplaces.create(
                new CreateMarketplaceAccount(store.id(), m.name(), m.operator(), baseUrl, key, m.shopId(), false, 20));
    }

    @Override
    public void destroy() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
