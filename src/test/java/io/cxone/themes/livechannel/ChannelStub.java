package io.cxone.themes.livechannel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A misbehaving channel host (the simulator's channel endpoint never fails): the brand id picks the behaviour. It
 * records every request and reports them at {@code GET /_requests} (over HTTP, so tests need share no class with it).
 */
public class ChannelStub implements QuarkusTestResourceLifecycleManager {
    static final String PRESET = """
            {"colors":{"buttonColor":"#1F3A93","headerBgColor":"#1F3A93","headerFontColor":"#FFFFFF",
             "themeColor":"#1F3A93","textColor":"#1A1A1A","widgetBgColor":"#FFFFFF","widgetFontColor":"#1A1A1A"},
             "widget":{"appearance":"bubble","position":"right"},"customCss":""}""";

    private String readTimeout = "30s";
    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();

    /**
     * {@code read-timeout}: the channel client's read timeout. Long by default, so that a stall of this busy machine
     * never turns into a retry that the tests' exact request counts would see; short for the silent-host test.
     */
    @Override
    public void init(Map<String, String> initArgs) {
        readTimeout = initArgs.getOrDefault("read-timeout", readTimeout);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        int port = server.getAddress().getPort();
        return Map.of("cxone.channel-base-url", "http://localhost:" + port + "/{env}/{domain}",
                "app.import.read-timeout", readTimeout,
                "app.import.max-body-size", "4K",
                "app.import.allowed-domains", "niceincontact.com, .cxone.test");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try (exchange) {
            if (path.equals("/_requests")) {
                String body;
                synchronized (requests) {
                    body = "[" + String.join(",", requests) + "]";
                }
                send(exchange, 200, "application/json", body);
                return;
            }
            if (path.equals("/_reset")) {
                synchronized (requests) {
                    requests.clear();
                }
                hits.clear();
                send(exchange, 204, null, null);
                return;
            }
            // /{env}/{domain}/chat/1.0/brand/{brandId}/channel/{channelId}
            String[] parts = path.split("/");
            String brand = parts.length > 6 ? parts[6] : "";
            synchronized (requests) {
                requests.add(String.format("{\"brand\":\"%s\",\"path\":\"%s\",\"query\":\"%s\",\"at\":%d,"
                        + "\"authorization\":%b,\"accept\":\"%s\"}", brand, path, exchange.getRequestURI().getRawQuery(),
                        System.currentTimeMillis(), exchange.getRequestHeaders().containsKey("Authorization"),
                        exchange.getRequestHeaders().getFirst("Accept")));
            }
            int hit = hits.computeIfAbsent(brand, b -> new AtomicInteger()).incrementAndGet();
            switch (brand) {
                case "flaky" -> {
                    if (hit <= 2) {
                        send(exchange, 503, "application/json", "{\"error\":\"busy\"}");
                    } else {
                        send(exchange, 200, "application/json", PRESET);
                    }
                }
                case "down" -> send(exchange, 500, "application/json", "{\"error\":\"boom\"}");
                case "throttled" -> {
                    if (hit == 1) {
                        exchange.getResponseHeaders().add("Retry-After", "1");
                        send(exchange, 429, "application/json", "{\"error\":\"slow down\"}");
                    } else {
                        send(exchange, 200, "application/json", PRESET);
                    }
                }
                case "html" -> send(exchange, 200, "text/html", "<html><body>Maintenance</body></html>");
                case "array" -> send(exchange, 200, "application/json", "[1,2,3]");
                case "redirect" -> {
                    exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                    send(exchange, 302, null, null);
                }
                case "huge" -> { // chunked, so the size is only known while reading
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        byte[] chunk = " ".repeat(1024).getBytes(StandardCharsets.UTF_8);
                        for (int i = 0; i < 64; i++) {
                            out.write(chunk);
                            out.flush();
                        }
                        out.write(PRESET.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException closedByClient) {
                        // expected: the client gives up at its limit
                    }
                }
                case "declared" -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 1_000_000);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(PRESET.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException closedByClient) {
                        // expected
                    }
                }
                case "slow" -> { // a host that accepts and never answers: only the client's read timeout ends the wait
                    try {
                        new CountDownLatch(1).await(); // until stop() interrupts the stub's threads
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }
                case "gone" -> send(exchange, 404, "application/json", "{\"error\":\"not_found\"}");
                case "bad" -> send(exchange, 400, "application/json", "{\"error\":\"bad_request\"}");
                default -> send(exchange, 200, "application/json", PRESET);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
