package dev.kontor.simulator;

import dev.kontor.demo.DemoMarketplaceServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/** The Mirakl simulator as the demo's marketplace server (found by the demo through the service loader). */
public final class DemoServer implements DemoMarketplaceServer {

    private MiraklSimulator simulator;

    @Override
    public void start(int port, Clock clock) {
        simulator = MiraklSimulator.start(port, clock);
    }

    @Override
    public int port() {
        return simulator.port();
    }

    @Override
    public String open(String code, long shopId, String apiKey, int threads, Duration every, Random random) {
        SimMarketplace market = simulator.marketplace(code).addShop(shopId, "Kontor demo shop", apiKey);
        market.generateThreads(threads, random);
        market.startGenerating(every, random);
        return market.baseUrl();
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
