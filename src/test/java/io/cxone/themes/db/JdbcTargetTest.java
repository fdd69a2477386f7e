package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Migrations need one URL at most: the JDBC one when given, else the reactive one the service uses anyway. */
class JdbcTargetTest {

    private static Optional<JdbcTarget> from(Map<String, String> config) {
        return JdbcTarget.from(name -> Optional.ofNullable(config.get(name)));
    }

    @Test
    void theJdbcUrlWinsWhenSet() {
        JdbcTarget t = from(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/themes",
                "quarkus.datasource.reactive.url", "postgresql://other:1/x", "quarkus.datasource.username", "svc",
                "quarkus.datasource.password", "pw")).orElseThrow();
        assertEquals(new JdbcTarget("jdbc:postgresql://db:5432/themes", "svc", "pw"), t);
    }

    @Test
    void elseTheReactiveUrlInJdbcForm() {
        assertEquals("jdbc:postgresql://db:5432/themes?sslmode=require", from(Map.of("quarkus.datasource.reactive.url",
                "postgresql://db:5432/themes?sslmode=require")).orElseThrow().url());
        assertEquals("jdbc:postgresql://db/themes", from(Map.of("quarkus.datasource.reactive.url",
                "postgres://db/themes")).orElseThrow().url());
        assertEquals("jdbc:postgresql://[::1]:5432/themes", from(Map.of("quarkus.datasource.reactive.url",
                "postgresql://[::1]:5432/themes")).orElseThrow().url());
    }

    @Test
    void credentialsInTheReactiveUrlAreUsedUnlessConfiguredAndNeverShown() {
        JdbcTarget t = from(Map.of("quarkus.datasource.reactive.url", "postgresql://svc:s%40cret@db:5432/themes"))
                .orElseThrow();
        assertEquals("jdbc:postgresql://db:5432/themes", t.url(), "no credentials in the JDBC URL");
        assertEquals("svc", t.user());
        assertEquals("s@cret", t.password());
        assertFalse(t.toString().contains("cret"), t.toString());
        JdbcTarget configured = from(Map.of("quarkus.datasource.reactive.url", "postgresql://svc:inurl@db/themes",
                "quarkus.datasource.username", "other", "quarkus.datasource.password", "given")).orElseThrow();
        assertEquals("other", configured.user());
        assertEquals("given", configured.password());
    }

    @Test
    void noUrlIsEmptyAndAWrongOneSaysWhatToSet() {
        assertTrue(from(Map.of()).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("quarkus.datasource.reactive.url", "mysql://db/x")));
        assertTrue(e.getMessage().contains("QUARKUS_DATASOURCE_JDBC_URL"), e.getMessage());
    }
}
