package io.cxone.themes.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a real OS process, for tests that stop, kill
 * and restart it, or run two instances: what a Quarkus test cannot do inside its own JVM.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the jar with these system properties and waits until it answers /q/health/live. */
    public static ServiceProcess start(String name, int port, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putIfAbsent("quarkus.http.port", String.valueOf(port));
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", name + ".log");
        try {
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServiceProcess service = new ServiceProcess(port, log, process);
            service.awaitLive(Duration.ofSeconds(90));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** System properties that make the jar accept {@link TestTokens} (key published inline, test issuer). */
    public static Map<String, String> trustingTestTokens() {
        return Map.of("mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(TestTokens.KEYS.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM and wait: a graceful shutdown. */
    public void stop() {
        process.destroy();
        await();
    }

    /** SIGKILL: a crash, no shutdown hooks. */
    public void kill() {
        process.destroyForcibly();
        await();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void await() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitLive(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during startup; its log:\n" + log());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url("/q/health/live")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not become live within " + timeout + "; its log:\n" + log());
    }
}
