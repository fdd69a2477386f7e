package io.cxone.themes.livechannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Two channel hosts on one port, at 127.0.0.1 and 127.0.0.2 (both loopback), behind the template
 * {@code http://channels-de-{env}.{domain}:port}: the caller's env and domain decide the host. Only 127.0.0.2 (and the
 * unused 127.0.0.3) are exempt from the address rules ({@code app.import.allowed-networks}), so a name that resolves to
 * 127.0.0.1 must never reach the first host. Each records the Host header of every request it gets, reported at
 * {@code GET /_requests} (over HTTP, so tests need share no class with it). Brand {@code down} answers 500 with a
 * body an internal server might send.
 */
public class LoopbackChannelHosts implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
    static final String SECRET_BODY = "{\"error\":\"internal db-7.corp password=hunter2\"}";
    private final List<HttpServer> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpServer allowed = serve("127.0.0.2", 0);
                try {
                    serve("127.0.0.1", allowed.getAddress().getPort());
                } catch (BindException taken) {
                    stop();
                    if (attempt < 20) {
                        continue;
                    }
                    throw taken;
                }
                int port = allowed.getAddress().getPort();
                return Map.of("cxone.channel-base-url", "http://channels-de-{env}.{domain}:" + port,
                        "app.import.allowed-networks", "127.0.0.2/32, 127.0.0.3/32",
                        "app.import.read-timeout", "2s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private HttpServer serve(String address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        List<String> hosts = new ArrayList<>();
        server.createContext("/", exchange -> handle(exchange, hosts));
        server.start();
        servers.add(server);
        return server;
    }

    private static void handle(HttpExchange exchange, List<String> hosts) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String body;
            int status = 200;
            if (path.equals("/_requests")) {
                synchronized (hosts) {
                    body = String.join("\n", hosts);
                }
            } else if (path.equals("/_reset")) {
                synchronized (hosts) {
                    hosts.clear();
                }
                body = "";
            } else {
                synchronized (hosts) {
                    hosts.add(exchange.getRequestHeaders().getFirst("Host"));
                }
                if (path.contains("/brand/down/")) {
                    status = 500;
                    body = SECRET_BODY;
                } else {
                    body = ChannelStub.PRESET;
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
        servers.clear();
    }
}
