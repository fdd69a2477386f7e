package io.cxone.themes.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
            ProcessHandle server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
            if (server == null || !answers(port)) {
                return null;
            }
            Optional<Instant> started = server.info().startInstant();
            // adopted means owned: stopped (SIGTERM, PostgreSQL's smart shutdown) when this service exits
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopIfStillServer(dataDir, pid, started),
                    "embedded-postgres-stop"));
            return new EmbeddedPostgres.Server(EmbeddedPostgres.HOST, port, "postgres", secret);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or stale: a normal start replaces it
        }
    }

    /**
     * Signals {@code pid} only while it is still the adopted server: alive, started at the same instant (a pid the OS
     * handed to another process since has another start), and still named by the data directory's postmaster.pid.
     * Answers whether it signalled.
     */
    static boolean stopIfStillServer(Path dataDir, long pid, Optional<Instant> started) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || started.isEmpty() || !started.equals(process.get().info().startInstant())) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            if (lines.isEmpty() || !lines.get(0).strip().equals(Long.toString(pid))) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false; // no pid file: the server already stopped (or the directory is another's now)
        }
        return process.get().destroy();
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
