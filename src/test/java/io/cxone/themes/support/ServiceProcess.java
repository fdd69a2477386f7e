package io.cxone.themes.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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

    /**
     * Starts the jar on a free port with these system properties and waits until it answers /q/health/live. A port
     * that another process takes between our choosing it and the service binding it costs one more try, not the build.
     */
    public static ServiceProcess start(String name, Map<String, String> properties) {
        return start(name, properties, List.of());
    }

    /** As {@link #start(String, Map)}, with JVM options before {@code -jar} (e.g. {@code -Xlog:...}). */
    public static ServiceProcess start(String name, Map<String, String> properties, List<String> jvmOptions) {
        for (int attempt = 1;; attempt++) {
            try {
                return start(name, freePort(), properties, jvmOptions);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new IllegalStateException("three free ports were taken before the service could bind them", e);
                }
            }
        }
    }

    private static ServiceProcess start(String name, int port, Map<String, String> properties, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        Map<String, String> all = new LinkedHashMap<>(properties);
        if (!all.containsKey("cxone.base-url")) {
            // a packaged jar without a CXone URL starts only with the simulator switched on (CXONE_SIMULATOR=true);
            // a test that wants to see the refusal sets cxone.simulator.enabled=false itself
            all.putIfAbsent("cxone.simulator.enabled", "true");
        }
        all.put("quarkus.http.port", String.valueOf(port));
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", name + ".log");
        try {
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServiceProcess service = new ServiceProcess(port, log, process);
            service.awaitLive();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the jar to its end with these system properties (e.g. {@code app.migrate=only}); answers its exit code and
     * everything it printed, for commands that are not a server.
     */
    public static Finished run(Map<String, String> properties) {
        return run(Map.of(), properties);
    }

    /**
     * As {@link #run(Map)}, with these environment variables added to this JVM's: how an operator configures the
     * container ({@code APP_ROLE_MAP=...}), for tests of what the start makes of those names.
     */
    public static Finished run(Map<String, String> environment, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(java()));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new Finished(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The properties of a start, named by what they are for: {@code ServiceProcess.builder("it-a").trustingTestTokens()
     * .cxone(simulator).database(db).set("app.publish.lease", "3s").start()}.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A CXone for instances that a test kills and restarts: a jar of its own serving the simulator (its admin API
     * takes {@link TestTokens}), with a fresh embedded PostgreSQL of its own, outliving the instances as CXone would.
     */
    public static ServiceProcess simulator(String name) {
        return builder(name).trustingTestTokens().ownEmbeddedDatabase().start();
    }

    /** See {@link #builder}. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Accepts {@link TestTokens} (see {@link ServiceProcess#trustingTestTokens}). */
        public Builder trustingTestTokens() {
            properties.putAll(ServiceProcess.trustingTestTokens());
            return this;
        }

        /** A new embedded PostgreSQL under target/, this start's alone. */
        public Builder ownEmbeddedDatabase() {
            return set("app.embedded-db.dir", "target/" + name + "-pg-" + UUID.randomUUID().toString().substring(0, 8));
        }

        /** CXone is the simulator that process serves ({@link ServiceProcess#simulator}). */
        public Builder cxone(ServiceProcess simulator) {
            return set("cxone.base-url", simulator.url("/simulator/cxone"));
        }

        /** This database, which instances share and which outlives them (the test's own). */
        public Builder database(EmbeddedPostgres db) {
            set("quarkus.datasource.reactive.url", "postgresql://localhost:" + db.getPort() + "/postgres");
            return set("quarkus.datasource.username", "postgres");
        }

        public Builder set(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** {@link ServiceProcess#start(String, Map)} with these properties. */
        public ServiceProcess start() {
            return ServiceProcess.start(name, properties);
        }
    }

    /** How a {@link #run} ended. */
    public record Finished(int exitCode, String output) {
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port nothing listens on right now (the OS's choice of an ephemeral port). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
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

    /** The exit status once the process ended (143 = ended by SIGTERM after its shutdown hooks ran). */
    public int exitCode() {
        return process.exitValue();
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

    private void awaitLive() {
        HttpClient client = HttpClient.newHttpClient();
        try {
            Waits.until(log + " answering /q/health/live", () -> {
                if (!process.isAlive()) {
                    String output = log();
                    if (output.contains("Port already bound") || output.contains("Address already in use")) {
                        throw new PortTaken(output);
                    }
                    throw new IllegalStateException("the service exited during startup; its log:\n" + output);
                }
                try {
                    return client.send(HttpRequest.newBuilder(URI.create(url("/q/health/live")))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not become live; its log:\n" + log(), e);
        }
    }

    /** The chosen port was taken by someone else before the service bound it. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String log) {
            super(log, null, false, false);
        }
    }
}
