package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adopted server's shutdown hook signals its pid only while that pid is still that server. */
class OrphanedServerTest {
    @TempDir
    Path dataDir;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void aReusedPidOrAnotherServersPidFileIsLeftAlone() throws IOException {
        process = new ProcessBuilder("sleep", "600").start();
        long pid = process.pid();
        Optional<Instant> started = process.toHandle().info().startInstant();
        Files.writeString(dataDir.resolve("postmaster.pid"), pid + "\n/data\n0\n5432\n");

        assertFalse(OrphanedServer.stopIfStillServer(dataDir, pid, started.map(i -> i.minusSeconds(30))),
                "another start instant: the pid now belongs to another process");
        Files.writeString(dataDir.resolve("postmaster.pid"), (pid + 1) + "\n/data\n0\n5432\n");
        assertFalse(OrphanedServer.stopIfStillServer(dataDir, pid, started), "the directory names another server now");
        assertTrue(process.isAlive());

        Files.writeString(dataDir.resolve("postmaster.pid"), pid + "\n/data\n0\n5432\n");
        assertTrue(OrphanedServer.stopIfStillServer(dataDir, pid, started), "still the adopted server: stopped");
    }
}
