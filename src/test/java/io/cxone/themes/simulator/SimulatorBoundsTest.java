package io.cxone.themes.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Sim;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The simulator's state is bounded (cxone.simulator.max-entries) and no route stores uploaded files. */
@QuarkusTest
@TestProfile(SimulatorBoundsTest.SmallBound.class)
class SimulatorBoundsTest {
    private static final Path UPLOADS = Path.of("file-uploads"); // Vert.x's default uploads directory

    /** A bound of three entries per kind of state. */
    public static class SmallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.simulator.max-entries", "3");
        }
    }

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void themesPastTheBoundAre507UntilReset() {
        String token = Sim.token();
        for (int i = 0; i < 3; i++) {
            Sim.createTheme(token, "bound-w" + i, "v1");
        }
        Sim.api(token).body(Sim.theme(UUID.randomUUID().toString(), "v1")).post(Sim.MSG + "/widgets/bound-w9/themes")
                .then().statusCode(507).body(containsString("cxone.simulator.max-entries"))
                .body(containsString("/simulator/admin/reset"));
        Sim.reset();
        Sim.createTheme(Sim.token(), "bound-w9", "v1");
    }

    @Test
    void channelOverridesPastTheBoundAre507ButExistingOnesStillChange() {
        for (int i = 0; i < 3; i++) {
            override("c" + i).then().statusCode(200);
        }
        override("c3").then().statusCode(507);
        override("c0").then().statusCode(200);
    }

    @Test
    void tokensPastTheBoundAre507() {
        for (int i = 0; i < 3; i++) {
            Sim.token();
        }
        given().auth().preemptive().basic("sim-client", "sim-secret").formParam("grant_type", "client_credentials")
                .post(Sim.TOKEN).then().statusCode(507);
    }

    @Test
    void multipartBodiesLeaveNoFileOnDisk() throws IOException {
        long before = files();
        byte[] payload = new byte[64 * 1024];
        given().multiPart("file", "big.bin", payload, "application/octet-stream")
                .post("/simulator/admin/channels/b1/c1").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().multiPart("file", "big.bin", payload, "application/octet-stream")
                .post(Sim.TOKEN).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().multiPart("file", "big.bin", payload, "application/octet-stream")
                .post("/api/v1/themes/validate").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        assertEquals(before, files(), "no uploaded file stored under " + UPLOADS.toAbsolutePath());
    }

    private static io.restassured.response.Response override(String channel) {
        return given().contentType(ContentType.JSON).body(Map.of("customCss", ""))
                .put("/simulator/admin/channels/b1/" + channel);
    }

    private static long files() throws IOException {
        if (!Files.isDirectory(UPLOADS)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(UPLOADS)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
