package io.cxone.themes.devseed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The test profile never seeds: the switch is off and the shared test database has no event of the seed. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class DevSeedOffTest {
    @ConfigProperty(name = "app.dev-seed")
    boolean enabled;

    @Test
    void theTestProfileDoesNotSeed() {
        assertFalse(enabled);
        assertEquals(0, Db.count("SELECT count(*) FROM audit_events WHERE request_id LIKE 'dev-seed-%'"));
        assertEquals(0, Db.count("SELECT count(*) FROM themes WHERE created_by LIKE 'system:%'"));
    }
}
