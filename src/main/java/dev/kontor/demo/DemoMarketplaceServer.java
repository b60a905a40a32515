package dev.kontor.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * A simulated marketplace server for the demo. The simulator is test-and-demo code, never part of the production
 * jar: {@code ./mvnw spring-boot:run} puts it on the class path, and the demo finds it here; without it the demo
 * runs without marketplaces.
 */
public interface DemoMarketplaceServer extends AutoCloseable {

    /** The server on the class path, if any. */
    static Optional<DemoMarketplaceServer> find() {
        return ServiceLoader.load(DemoMarketplaceServer.class).findFirst();
    }

    /** Starts listening on loopback; port 0 takes a free one. Fails when the port is taken. */
    void start(int port, Clock clock);

    int port();

    /**
     * Opens a marketplace with one shop whose customers write {@code threads} threads at once and then one every
     * {@code every}; returns the base URL the connector calls.
     */
    String open(String code, long shopId, String apiKey, int threads, Duration every, Random random);

    @Override
    void close();
}
