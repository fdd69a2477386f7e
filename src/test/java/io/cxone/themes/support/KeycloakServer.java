package io.cxone.themes.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One real Keycloak per test JVM, for the classes that sign people in through an identity provider (the console's
 * OIDC code flow with PKCE). Started the first time a class asks ({@link #get}), never for the others, and stopped
 * when the JVM ends: a browser session made in one class must not need a new server in the next.
 * <p>
 * Keycloak's server distribution comes from the Maven repository (resolved with the project's wrapper the first time
 * on a machine), is unpacked once under {@code target/keycloak/} and starts on the machine's Temurin 25 (Keycloak 26
 * deprecates Java 17) with {@code start-dev}, a fresh H2 database (so every run imports {@value #REALM_FILE} anew)
 * and free loopback ports. It runs in its own process group, so that stopping it also stops the Java process
 * {@code kc.sh} starts.
 * <p>
 * One per build instead: with {@value #URL_VARIABLE} set (e.g. {@code http://127.0.0.1:43117}, a Keycloak with the
 * {@value #REALM} realm of {@value #REALM_FILE}), every test JVM uses that server and starts none. With
 * {@value #URL_FILE_VARIABLE} instead, the file that {@link #main} writes the URL into once the realm is served (or
 * {@code FAILED: reason}): the first test that needs the server waits for it, so that {@code .ci/run} can start one with
 * {@link #main} for the whole run while Maven compiles (surefire's forks and failsafe's JVM each paid the start
 * before). A developer can start one the same way, for dev mode with sign-in (docs/console-sign-in.md, "Trying it in dev mode"). This file needs
 * nothing but the JDK and the realm file, so it runs without a build:
 * {@code java -cp src/test/resources src/test/java/io/cxone/themes/support/KeycloakServer.java [url-file]}.
 */
public final class KeycloakServer {
    public static final String VERSION = "26.7.3";
    public static final String REALM = "cxone";
    /** The bootstrap admin (a throw-away test server on loopback; SessionRefreshTest ends sessions through it). */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-only";
    public static final String CLIENT_ID = "cxone-theme-console";
    public static final String CLIENT_SECRET = "console-test-secret-3b7c1f-9d2e4a8b6c0f1e3a";
    static final String REALM_FILE = "keycloak/cxone-realm.json";
    static final Path JAVA_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    /** The environment variable naming a Keycloak that is already running (its base URL, without /realms/...). */
    public static final String URL_VARIABLE = "KEYCLOAK_URL";
    /** The environment variable naming the file {@link #main} writes that URL into (see the class comment). */
    public static final String URL_FILE_VARIABLE = "KEYCLOAK_URL_FILE";
    /** Only stops a hung start; Keycloak's first start on a cold copy builds itself (about a minute on busy cores). */
    private static final Duration START_CEILING = Duration.ofMinutes(6);

    private static KeycloakServer running;

    /** Null for a server someone else started ({@value #URL_VARIABLE}): never stopped here. */
    private final Process process;
    private final String baseUrl;
    private final Path log;

    private KeycloakServer(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** The server of this JVM: the one {@value #URL_VARIABLE} names, or one started on the first call. */
    public static synchronized KeycloakServer get() {
        if (running == null) {
            String url = System.getenv(URL_VARIABLE);
            String file = System.getenv(URL_FILE_VARIABLE);
            if ((url == null || url.isBlank()) && file != null && !file.isBlank()) {
                url = awaitUrlFile(Path.of(file));
            }
            if (url != null && !url.isBlank()) {
                running = new KeycloakServer(null, url.strip().replaceAll("/+$", ""), null);
                running.awaitRealm(); // at once if it is up; a wrong URL fails here, naming the variable
            } else {
                running = start();
                Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "keycloak-stop"));
            }
        }
        return running;
    }

    /** The URL {@link #main} wrote into {@code file}, waiting for it while that server starts. */
    static String awaitUrlFile(Path file) {
        long deadline = System.nanoTime() + START_CEILING.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.isRegularFile(file)) {
                    String text = Files.readString(file).strip();
                    if (text.startsWith("FAILED")) {
                        throw new IllegalStateException("the Keycloak of this build (" + URL_FILE_VARIABLE + "=" + file
                                + ") did not start: " + text);
                    }
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
                Thread.sleep(250); // polling a file another process writes once, not waiting for a result to appear
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(URL_FILE_VARIABLE + "=" + file + ": no URL written within " + START_CEILING
                + " (is KeycloakServer's main running?)");
    }

    /**
     * Starts one server, prints its base URL (and writes it to the file {@code args[0]}, if given, once the realm is
     * served) and keeps it until this process ends (SIGTERM, Ctrl-C), which stops the server too.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        KeycloakServer server;
        try {
            server = start();
        } catch (RuntimeException e) {
            if (args.length > 0) { // the waiting tests fail with the reason instead of waiting out their ceiling
                publish(Path.of(args[0]), "FAILED: " + e.getMessage());
            }
            throw e;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            server.stop();
        }, "keycloak-stop"));
        System.out.println(URL_VARIABLE + "=" + server.baseUrl);
        System.out.println("OIDC_ISSUER_URL=" + server.issuer() + " OIDC_CLIENT_ID=" + CLIENT_ID + " OIDC_CLIENT_SECRET="
                + CLIENT_SECRET + " (users alice and victor, passwords in " + REALM_FILE + ")");
        if (args.length > 0) {
            publish(Path.of(args[0]), server.baseUrl);
        }
        int exit = server.process.waitFor();
        if (!stopping.get()) { // not our stop: say so, and end non-zero (System.exit would wait for a running hook)
            System.err.println("Keycloak ended by itself (exit " + exit + "); its output is in " + server.log);
            System.exit(1);
        }
    }

    /** Writes the file whole or not at all, so that a reader never sees half a URL. */
    private static void publish(Path file, String text) throws IOException {
        Path part = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text + "\n");
        Files.move(part, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The server's root (its admin REST API is under it), e.g. http://127.0.0.1:41234. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The issuer of the test realm, as OIDC_ISSUER_URL names it. 127.0.0.1, not localhost: another site than the service. */
    public String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    private static KeycloakServer start() {
        Path home = unpacked();
        try {
            deleteTree(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_FILE)) {
                Files.copy(realm, imports.resolve("cxone-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            int management = freePort();
            Path log = home.getParent().resolve("keycloak.log");
            // setsid: kc.sh becomes the leader of a new process group, whose id is its pid (see stop)
            ProcessBuilder builder = new ProcessBuilder(List.of("setsid", home.resolve("bin/kc.sh").toString(),
                    "start-dev", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + management, "--hostname-strict=false", "--import-realm",
                    "--cache=local"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", JAVA_HOME.toString());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            KeycloakServer server = new KeycloakServer(builder.start(), "http://127.0.0.1:" + port, log);
            server.awaitRealm();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitRealm() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).build();
        long deadline = System.nanoTime() + START_CEILING.toNanos();
        while (System.nanoTime() < deadline) {
            if (process == null) {
                try {
                    if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not answering: said below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException(URL_VARIABLE + "=" + baseUrl + " does not serve realm " + REALM + " (GET "
                        + discovery.uri() + "): start one with KeycloakServer's main, or unset " + URL_VARIABLE
                        + " to start one per test JVM");
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before serving realm "
                        + REALM + "; its output is in " + log + ":\n" + tail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250); // polling a process we started, not waiting for a result to appear
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + START_CEILING
                + "; its output is in " + log + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** A port nothing listens on right now (the OS's choice); here, not ServiceProcess's, so that main needs no build. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops kc.sh's whole process group (the Java server is its child), politely first. */
    void stop() {
        if (process == null) {
            return; // someone else's
        }
        long group = process.pid();
        signal("-TERM", group);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                signal("-KILL", group);
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the Java child may outlive kc.sh by a moment; the group is gone once it has ended too
        signal("-KILL", group);
    }

    private static void signal(String signal, long group) {
        try {
            new ProcessBuilder("kill", signal, "--", "-" + group).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** target/keycloak/keycloak-VERSION, unpacked from the Maven repository's zip once per build directory. */
    private static Path unpacked() {
        Path base = Path.of("target", "keycloak").toAbsolutePath();
        Path home = base.resolve("keycloak-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = distribution();
        try {
            deleteTree(home);
            Files.createDirectories(base);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                    Path target = base.resolve(entry.getName()).normalize();
                    if (!target.startsWith(base)) {
                        throw new IOException("zip entry outside its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + base, e);
        }
    }

    /** The distribution zip in the local Maven repository, fetched through the project's wrapper when missing. */
    private static Path distribution() {
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path zip = Path.of(repo, "org", "keycloak", "keycloak-quarkus-dist", VERSION,
                "keycloak-quarkus-dist-" + VERSION + ".zip");
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        try {
            Process get = new ProcessBuilder("./mvnw", "-B", "-q", "dependency:get",
                    "-Dtransitive=false", "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip")
                    // the zip alone: its own dependencies name repositories this machine cannot reach
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "keycloak-download.log").toFile())
                    .start();
            if (!get.waitFor(20, TimeUnit.MINUTES) || get.exitValue() != 0 || !Files.isRegularFile(zip)) {
                throw new IllegalStateException("could not fetch org.keycloak:keycloak-quarkus-dist:" + VERSION
                        + ":zip into " + repo + "; see target/keycloak-download.log");
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
