package io.cxone.themes.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import io.cxone.themes.security.Roles;
import io.restassured.http.ContentType;

/**
 * Publications for assignment, sync and performance tests, which need a publication in a given state but are not about
 * publishing (tested in its own suites): a real draft through our API, a real theme in the simulator, and the
 * publications row that publishing would have written.
 *
 * <p>A row in an unfinished state (QUEUED, SUBMITTED, ACTIVATING) is written as held by another, live instance (a
 * lease that never runs out), so that no job runner claims it and moves it on while the test still relies on its state.
 */
public final class TestPublications {
    private TestPublications() {
    }

    /** An ACTIVE publication of a new draft on {@code widgetId}, in the @QuarkusTest's service and simulator. */
    public static UUID active(String widgetId) {
        return create(widgetId, "ACTIVE");
    }

    /** A publication in any state (e.g. SUBMITTED, FAILED). */
    public static UUID create(String widgetId, String state) {
        String draft = draft("");
        String cxoneTheme = Sim.createTheme(Sim.token(), widgetId, "v-" + UUID.randomUUID());
        try (Connection c = Db.connect()) {
            return insert(c, widgetId, draft, cxoneTheme, state);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CXone theme id a publication carries. */
    public static String cxoneThemeId(UUID publication) {
        try (Connection c = Db.connect(); var s = c.prepareStatement("SELECT cxone_theme_id FROM publications WHERE id = ?")) {
            s.setObject(1, publication);
            var rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a draft through {@code POST /api/v1/themes} of the service at {@code base} ("" = the test instance). */
    public static String draft(String base) {
        return given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).post(base + "/api/v1/themes")
                .then().statusCode(201).extract().path("id");
    }

    /** The lease owner of fixture rows in unfinished states: an instance that never lets them go. */
    public static final String FIXTURE_OWNER = "test-fixture (never released)";

    public static UUID insert(Connection c, String widgetId, String draftId, String cxoneThemeId, String state)
            throws SQLException {
        UUID id = UUID.randomUUID();
        boolean terminal = "ACTIVE".equals(state) || "FAILED".equals(state);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO publications (id, widget_id, theme_id, theme_version, "
                + "content_hash, version_tag, requested_version_tag, on_conflict, cxone_theme_id, state, requested_by, "
                + "created_at, deadline_at, run_at, updated_at, lease_owner, lease_until) "
                + "VALUES (?, ?, ?, 1, 'test', ?, ?, 'fail', ?, ?, 'tester', now(), now(), now(), now(), ?, "
                + (terminal ? "NULL" : "'infinity'") + ")")) {
            s.setObject(1, id);
            s.setString(2, widgetId);
            s.setObject(3, UUID.fromString(draftId));
            s.setString(4, "v-" + id);
            s.setString(5, "v-" + id);
            s.setObject(6, UUID.fromString(cxoneThemeId));
            s.setString(7, state);
            s.setString(8, terminal ? null : FIXTURE_OWNER);
            s.executeUpdate();
        }
        return id;
    }

    /**
     * A theme created on {@code widgetId} in the standalone simulator at {@code simBase} (a packaged jar with the
     * simulator on), and an ACTIVE publication row of it for {@code draftId}: what a sync job starts from in the tests
     * on real processes.
     */
    public static UUID activeInSimulator(String simBase, Connection c, String widgetId, String draftId)
            throws SQLException {
        String token = given().auth().preemptive().basic("sim-client", "sim-secret")
                .formParam("grant_type", "client_credentials").post(simBase + Sim.TOKEN).then().statusCode(200)
                .extract().path("access_token");
        String theme = UUID.randomUUID().toString();
        Sim.api(token).body(Sim.theme(theme, "v1")).post(simBase + Sim.MSG + "/widgets/" + widgetId + "/themes")
                .then().statusCode(201);
        return insert(c, widgetId, draftId, theme, "ACTIVE");
    }

    /** JDBC to the embedded PostgreSQL a packaged jar started on {@code dataDir} (its port is in postmaster.pid). */
    public static Connection connectToDataDir(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            int port = Integer.parseInt(lines.get(3).strip());
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
                    Db.secretOf(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
