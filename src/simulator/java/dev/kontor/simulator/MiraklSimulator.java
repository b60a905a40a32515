package dev.kontor.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mirakl's seller API for many marketplaces on one local port: marketplace {@code code} answers under
 * {@code http://127.0.0.1:<port>/<code>/api/...}. Start it embedded with {@link #start}, or alone with
 * {@code MiraklSimulator --port=8089 --marketplaces=marche-sud,nordkauf --generate-every=20s}.
 */
public final class MiraklSimulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, SimMarketplace> marketplaces = new ConcurrentHashMap<>();

    private MiraklSimulator(HttpServer server, ExecutorService executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts on 127.0.0.1; port 0 takes a free one. Fails with {@link UncheckedIOException} if the port is taken. */
    public static MiraklSimulator start(int port, Clock clock) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "mirakl-sim-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        MiraklSimulator simulator = new MiraklSimulator(server, executor, clock);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            int slash = path.indexOf('/', 1);
            SimMarketplace market = slash < 0 ? null : simulator.marketplaces.get(path.substring(1, slash));
            if (market == null) {
                byte[] body = "{\"status\":404,\"message\":\"No such marketplace\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            market.handle(exchange, path.substring(slash));
        });
        server.setExecutor(executor);
        server.start();
        return simulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The marketplace with this code (letters, digits, dashes), created on first use. */
    public SimMarketplace marketplace(String code) {
        if (!code.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("a marketplace code has letters, digits and dashes only: " + code);
        }
        return marketplaces.computeIfAbsent(
                code, c -> new SimMarketplace(c, "http://127.0.0.1:" + port() + "/" + c, clock));
    }

    public Collection<SimMarketplace> marketplaces() {
        return List.copyOf(marketplaces.values());
    }

    @Override
    public void close() {
        marketplaces.values().forEach(SimMarketplace::stop);
        server.stop(0);
        executor.shutdownNow();
    }

    /** Runs the simulator alone: prints each marketplace's base URL and API key, and keeps customers writing. */
    public static void main(String[] args) throws InterruptedException {
        int port = 8089;
        List<String> codes = List.of("marche-sud", "nordkauf", "piazza");
        Duration every = Duration.ofSeconds(30);
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--marketplaces=")) {
                codes = List.of(arg.substring(15).split(","));
            } else if (arg.startsWith("--generate-every=")) {
                every = Duration.parse("PT" + arg.substring(17).toUpperCase(java.util.Locale.ROOT));
            } else {
                System.err.println("Usage: MiraklSimulator [--port=8089] [--marketplaces=a,b] [--generate-every=30s]");
                System.exit(2);
            }
        }
        MiraklSimulator simulator = start(port, Clock.systemUTC());
        Random random = new Random();
        long shopId = 2001;
        for (String code : codes) {
            SimMarketplace m = simulator.marketplace(code).addShop(shopId, "Demo shop", "key-" + code);
            m.generateThreads(5, random);
            m.startGenerating(every, random);
            System.out.printf("%-14s base URL %s  API key key-%s  shop id %d%n", code, m.baseUrl(), code, shopId++);
        }
        System.out.println("Mirakl simulator running; a new customer thread every " + every + ". Ctrl-C stops it.");
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }
}
