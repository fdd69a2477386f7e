package io.cxone.themes.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An embedded PostgreSQL still running on a data directory after its service died (kill -9 skips shutdown hooks,
 * and pg_ctl runs the server detached). Starting a second server there would fail on the lock, so it is adopted.
 */
final class OrphanedServer {
    private OrphanedServer() {
    }

    /** The server recorded in {@code postmaster.pid} when its process is alive and its port answers, else null. */
    static EmbeddedPostgres.Server find(Path dataDir, String secret) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            // postmaster.pid: line 1 the pid, line 4 the port (PostgreSQL's documented layout)
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive || !answers(port)) {
                return null;
            }
            // adopted means owned: stopped (SIGTERM, PostgreSQL's smart shutdown) when this service exits
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy), "embedded-postgres-stop"));
            return new EmbeddedPostgres.Server(EmbeddedPostgres.HOST, port, "postgres", secret);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or stale: a normal start replaces it
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(EmbeddedPostgres.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
