package io.cxone.themes.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.ServiceProcess;

/**
 * The packaged jar as an operator starts it, with console sign-in on (OIDC_ISSUER_URL) and a mistake in APP_ROLE_MAP:
 * it exits non-zero and its output names the entry and says what to write instead, with no stack trace in front of
 * the reader, before it has touched anything else. The database URL points at a port where nothing listens, so every
 * start here ends: with the map's message when the map is refused first, with the database's when it is not (a good
 * map, or a check that came too late). Discovery at the issuer happens only when the OIDC tenant starts, which a
 * refused map never reaches; the issuer's port is free too.
 */
class RoleMapStartIT {

    @Test
    void aMalformedEntryStopsTheStartNamingIt() {
        ServiceProcess.Finished start = start("cx-admins=theme-editor;broken");
        assertRefused(start, "'broken'");
        assertTrue(start.output().contains("each entry is group=role[,role...]"), start.output());
    }

    @Test
    void anUnknownRoleStopsTheStartNamingItAndTheRolesThereAre() {
        ServiceProcess.Finished start = start("cx-admins=theme-wizard");
        assertRefused(start, "'cx-admins=theme-wizard'");
        assertTrue(start.output().contains("'theme-wizard' is not one of this service's roles (theme-viewer, theme-editor, "
                + "theme-publisher, theme-approver, auditor, simulator-admin)"), start.output());
    }

    @Test
    void aGoodMapGetsPastTheCheck() {
        ServiceProcess.Finished start = start("cx-admins=theme-editor,theme-publisher;cx-viewers=theme-viewer");
        assertNotEquals(0, start.exitCode(), start.output());
        assertFalse(start.output().contains("APP_ROLE_MAP"), start.output());
        assertTrue(start.output().contains("Connection to 127.0.0.1:"), "it went on to the database:\n" + start.output());
    }

    private static ServiceProcess.Finished start(String roleMap) {
        return ServiceProcess.run(Map.of(
                "OIDC_ISSUER_URL", "http://127.0.0.1:" + ServiceProcess.freePort() + "/realms/cxone",
                "APP_ROLE_MAP", roleMap,
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + ServiceProcess.freePort() + "/themes",
                "CXONE_SIMULATOR", "true"), Map.of());
    }

    private static void assertRefused(ServiceProcess.Finished start, String entry) {
        String out = start.output();
        assertEquals(1, start.exitCode(), out);
        assertTrue(out.contains("APP_ROLE_MAP entry " + entry + " is malformed"), out);
        assertTrue(out.contains("Write it like APP_ROLE_MAP=cx-admins=theme-publisher,auditor;cx-viewers=theme-viewer"), out);
        // what the reader sees: the message, not a stack trace (no "at ..." frame, no "Caused by") ...
        assertFalse(out.matches("(?sm).*^\\s+at [\\w.$]+\\(.*"), out);
        assertFalse(out.contains("Caused by"), out);
        // ... and nothing else was started first: no migration, no OIDC discovery, no job engine
        assertFalse(out.contains("Connection to 127.0.0.1:"), out);
        assertFalse(out.contains("OIDC"), out);
        assertFalse(out.contains("JobEngine"), out);
    }
}
