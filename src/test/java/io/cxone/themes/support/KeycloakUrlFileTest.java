package io.cxone.themes.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file through which .ci/run's one Keycloak tells the test JVMs where it is (KEYCLOAK_URL_FILE): its URL once the
 * realm is served, or why it did not start, which the tests then fail with instead of waiting out the ceiling.
 */
class KeycloakUrlFileTest {

    @Test
    void theUrlItWrote(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keycloak.url"), "http://127.0.0.1:43117\n");
        assertEquals("http://127.0.0.1:43117", KeycloakServer.awaitUrlFile(file));
    }

    @Test
    void aFailedStartIsReportedWithItsReason(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keycloak.url"), "FAILED: Keycloak exited with 1 before serving realm cxone\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeycloakServer.awaitUrlFile(file));
        assertTrue(e.getMessage().contains("did not start: FAILED: Keycloak exited with 1"), e.getMessage());
        assertTrue(e.getMessage().contains(KeycloakServer.URL_FILE_VARIABLE), e.getMessage());
    }
}
