package io.cxone.themes.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Signed checkpoints anchor the chain outside the database: a database superuser who disables the append-only
 * trigger, deletes the newest events and rewinds audit_head leaves a chain that is consistent in itself, and verify
 * then reports it through the first checkpoint that no longer matches. Over HTTP, on the real database, tampering as
 * such a superuser would.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class AuditCheckpointTest {
    private static final String DIR_PROPERTY = "cxone-theme-service.embedded-db.dir";

    @Inject
    Checkpointer checkpointer;

    @BeforeEach
    void keepACopy() {
        Db.endLeftoverJobs();
        Db.execute("DROP TABLE IF EXISTS cp_events_copy", "CREATE TABLE cp_events_copy AS SELECT * FROM audit_events",
                "DROP TABLE IF EXISTS cp_head_copy", "CREATE TABLE cp_head_copy AS SELECT * FROM audit_head",
                "DROP TABLE IF EXISTS cp_copy", "CREATE TABLE cp_copy AS SELECT * FROM audit_checkpoints");
    }

    /** Puts trail, head and checkpoints back as they were (a restore from backup), under the head lock. */
    @AfterEach
    void restore() {
        Db.inTransaction("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE",
                "ALTER TABLE audit_events DISABLE TRIGGER USER", "DELETE FROM audit_events",
                "INSERT INTO audit_events SELECT * FROM cp_events_copy", "ALTER TABLE audit_events ENABLE TRIGGER USER",
                "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER", "DELETE FROM audit_checkpoints",
                "INSERT INTO audit_checkpoints SELECT * FROM cp_copy",
                "ALTER TABLE audit_checkpoints ENABLE TRIGGER USER",
                "UPDATE audit_head h SET seq = c.seq, hash = c.hash FROM cp_head_copy c",
                "DROP TABLE cp_events_copy", "DROP TABLE cp_head_copy", "DROP TABLE cp_copy");
    }

    @Test
    void aCheckpointIsSignedWithAKeyOutsideTheDatabaseAndListedWithItsPublicKey() throws Exception {
        events(2);
        Checkpoint written = checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();
        assertEquals(Db.count("SELECT seq FROM audit_head"), written.seq());
        assertTrue(checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).isEmpty(),
                "one checkpoint per head");

        JsonPath page = auditor().get("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        assertEquals(written.id(), page.getLong("items[0].id"));
        assertEquals(written.seq(), page.getLong("items[0].seq"));
        // the page part is named as in every other list
        assertEquals(1, page.getInt("page"));
        assertEquals(50, page.getInt("pageSize"));
        assertTrue(page.getLong("totalItems") >= 1, page.prettify());
        String keyId = page.getString("keyId");
        assertEquals(keyId, page.getString("items[0].keyId"));
        // the signature checks with nothing but the listed public key and the documented payload
        String payload = "{\"hash\":\"" + page.getString("items[0].hash") + "\",\"id\":" + written.id() + ",\"keyId\":\""
                + keyId + "\",\"seq\":" + written.seq() + ",\"time\":\"" + page.getString("items[0].time") + "\"}";
        assertTrue(signatureHolds(page.getString("publicKey"), page.getString("algorithm"), payload,
                page.getString("items[0].signature")), payload);

        // the generated key lives beside the database's data directory, never in it, readable by its owner only
        Path keyFile = Path.of(System.getProperty(DIR_PROPERTY)).toAbsolutePath().getParent()
                .resolve(SigningKey.GENERATED_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        String pem = Files.readString(keyFile);
        assertEquals(0, Db.count("SELECT count(*) FROM audit_checkpoints WHERE signature LIKE '%"
                + pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow() + "%'"));

        for (String role : new String[] { Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER }) {
            given().header("Authorization", TestTokens.bearer(role)).get("/api/v1/audit/checkpoints").then()
                    .statusCode(403);
        }
        given().get("/api/v1/audit/checkpoints").then().statusCode(401);
        auditor().queryParam("size", "0").get("/api/v1/audit/checkpoints").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void writersRacingForTheSameHeadWriteOneCheckpoint() {
        events(1);
        long before = Db.count("SELECT count(*) FROM audit_checkpoints");
        // as two instances would: each in its own transaction, serialised by the advisory lock
        List<java.util.Optional<Checkpoint>> results = io.smallrye.mutiny.Uni.join()
                .all(checkpointer.checkpointNow(), checkpointer.checkpointNow(), checkpointer.checkpointNow())
                .andFailFast().await().atMost(Duration.ofMinutes(3));
        assertEquals(1, results.stream().filter(java.util.Optional::isPresent).count(), results.toString());
        assertEquals(before + 1, Db.count("SELECT count(*) FROM audit_checkpoints"));
        assertTrue(verify().getBoolean("valid"));
    }

    @Test
    void aSuperuserDeletingTheNewestEventAndRewindingTheHeadIsFoundThroughTheCheckpoint() {
        events(2);
        Checkpoint checkpoint = checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();
        JsonPath before = verify();
        assertTrue(before.getBoolean("valid"), before.prettify());
        assertTrue(before.getLong("checkpoints") >= 1, before.prettify());

        // what a superuser can do on the database alone: the chain stays consistent with its head
        superuser("DELETE FROM audit_events WHERE seq = (SELECT seq FROM audit_head)",
                "UPDATE audit_head SET seq = e.seq, hash = e.hash FROM (SELECT seq, hash FROM audit_events "
                        + "ORDER BY seq DESC LIMIT 1) e WHERE id = 1");

        JsonPath after = verify();
        assertFalse(after.getBoolean("valid"), after.prettify());
        assertEquals(checkpoint.id(), after.getLong("brokenCheckpoint"));
        assertEquals(checkpoint.seq(), after.getLong("firstBrokenSeq"));
        assertTrue(after.getString("reason").startsWith("checkpoint " + checkpoint.id() + " "), after.getString("reason"));
    }

    @Test
    void aRewriteBeforeTheLatestCheckpointNamesTheFirstCheckpointThatNoLongerMatches() {
        events(1);
        Checkpoint first = checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();
        events(2);
        Checkpoint latest = checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();
        assertTrue(verify().getBoolean("valid"));

        // a consistent rewrite from the first checkpoint's event on: that event and all after it are re-sealed
        // with another actor (the hashes recomputed, as an attacker who knows the algorithm would), head moved along
        List<String> statements = new ArrayList<>(List.of("DELETE FROM audit_events WHERE seq >= " + first.seq()));
        String prev = Db.count("SELECT count(*) FROM audit_events WHERE seq = " + (first.seq() - 1)) == 0
                ? AuditChain.GENESIS : hashOf(first.seq() - 1);
        for (long seq = first.seq(); seq <= latest.seq(); seq++) {
            AuditEvent forged = AuditChain.seal(new AuditEvent(seq, java.time.Instant.parse("2026-01-01T00:00:00Z"),
                    "mallory", "theme.updated", "success", null, null, null, null, null, null, null, null), prev);
            statements.add("INSERT INTO audit_events (seq, time, actor, action, outcome, prev_hash, hash) VALUES ("
                    + seq + ", '2026-01-01T00:00:00Z', 'mallory', 'theme.updated', 'success', '" + forged.prevHash()
                    + "', '" + forged.hash() + "')");
            prev = forged.hash();
        }
        statements.add("UPDATE audit_head SET seq = " + latest.seq() + ", hash = '" + prev + "' WHERE id = 1");
        superuser(statements.toArray(String[]::new));

        JsonPath after = verify();
        assertFalse(after.getBoolean("valid"), after.prettify());
        assertEquals(first.id(), after.getLong("brokenCheckpoint"), after.prettify());
        assertEquals(first.seq(), after.getLong("firstBrokenSeq"));
        assertTrue(after.getString("reason").contains("checkpoint " + first.id() + " "), after.getString("reason"));
    }

    @Test
    void deletedOrForgedCheckpointsAreFound() {
        events(1);
        Checkpoint a = checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();
        events(1);
        checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();

        Db.execute("ALTER TABLE audit_checkpoints DISABLE TRIGGER USER",
                "UPDATE audit_checkpoints SET hash = repeat('a', 64) WHERE id = " + a.id(),
                "ALTER TABLE audit_checkpoints ENABLE TRIGGER USER");
        JsonPath forged = verify();
        assertFalse(forged.getBoolean("valid"));
        assertEquals(a.id(), forged.getLong("brokenCheckpoint"));
        assertTrue(forged.getString("reason").contains("signature does not verify"), forged.getString("reason"));

        Db.execute("ALTER TABLE audit_checkpoints DISABLE TRIGGER USER",
                "DELETE FROM audit_checkpoints WHERE id = " + a.id(),
                "ALTER TABLE audit_checkpoints ENABLE TRIGGER USER");
        JsonPath deleted = verify();
        assertFalse(deleted.getBoolean("valid"));
        assertEquals(a.id(), deleted.getLong("brokenCheckpoint"));
        assertTrue(deleted.getString("reason").contains("checkpoint " + a.id() + " is missing"),
                deleted.getString("reason"));
    }

    @Test
    void theCheckpointsTableIsAppendOnly() {
        events(1);
        checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Db.execute("DELETE FROM audit_checkpoints"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }

    @Test
    void everyExportCarriesTheCheckpointsSoACopyProvesTheHistoryOnItsOwn() throws Exception {
        events(2);
        Checkpoint c = checkpointer.checkpointNow().await().atMost(Duration.ofMinutes(3)).orElseThrow();
        events(1); // the checkpoint then sits between events

        JsonPath page = auditor().get("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        String body = export("jsonl");
        List<String> lines = body.lines().toList();
        ChainVerifier offline = new ChainVerifier();
        long checkpointsSeen = 0;
        long lastEventSeq = 0;
        for (String line : lines) {
            Checkpoint read = JsonLinesFormat.parseCheckpoint(line);
            if (read == null) {
                AuditEvent e = JsonLinesFormat.parse(line);
                assertTrue(offline.accept(e), line);
                lastEventSeq = e.seq();
            } else {
                checkpointsSeen++;
                assertEquals(lastEventSeq, read.seq(), "a checkpoint follows the event it names: " + line);
                assertTrue(signatureHolds(page.getString("publicKey"), page.getString("algorithm"), read.payload(),
                        read.signature()), line);
            }
        }
        assertTrue(offline.result().valid());
        assertEquals(Db.count("SELECT count(*) FROM audit_checkpoints"), checkpointsSeen);
        assertTrue(body.contains("\"signature\":\"" + c.signature() + "\""));

        assertTrue(export("cef").lines().anyMatch(l -> l.contains("|audit.checkpoint|")
                && l.contains("cn2=" + c.id()) && l.contains("cs3=" + c.signature().replace("=", "\\="))), "cef");
        assertTrue(export("syslog").lines().anyMatch(l -> l.contains(" audit.checkpoint [checkpoint@32473 id=\""
                + c.id() + "\"") && l.contains("signature=\"" + c.signature() + "\"")), "syslog");
        assertTrue(export("ocsf").lines().map(JsonPath::from).anyMatch(o -> "audit.checkpoint"
                .equals(o.getString("metadata.event_code")) && c.signature().equals(
                        o.getString("unmapped.checkpoint.signature"))), "ocsf");
        // a filtered export holds no checkpoints: without every event they would prove nothing
        assertFalse(auditor().queryParam("format", "jsonl").queryParam("actor", "checkpoint-setup")
                .get("/api/v1/audit/export").asString().contains("\"checkpoint\""));
    }

    private static boolean signatureHolds(String pem, String algorithm, String payload, String signature)
            throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PublicKey key = KeyFactory.getInstance("Ed25519".equals(algorithm) ? "Ed25519" : "EC")
                .generatePublic(new X509EncodedKeySpec(der));
        Signature s = Signature.getInstance(algorithm);
        s.initVerify(key);
        s.update(payload.getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(signature));
    }

    private static String hashOf(long seq) {
        try (var c = Db.connect(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT hash FROM audit_events WHERE seq = " + seq)) {
            assertTrue(rs.next());
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements as a superuser would run them: trigger off, under the head lock, trigger back on. */
    private static void superuser(String... statements) {
        List<String> all = new ArrayList<>();
        all.add("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE");
        all.add("ALTER TABLE audit_events DISABLE TRIGGER USER");
        all.addAll(List.of(statements));
        all.add("ALTER TABLE audit_events ENABLE TRIGGER USER");
        Db.inTransaction(all.toArray(String[]::new));
    }

    private static void events(int n) {
        for (int i = 0; i < n; i++) {
            given().header("Authorization", "Bearer " + TestTokens.token("checkpoint-setup", Roles.EDITOR))
                    .contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes")
                    .then().statusCode(201);
        }
    }

    private static JsonPath verify() {
        return auditor().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private static String export(String format) {
        String body = auditor().queryParam("format", format).get("/api/v1/audit/export").then().statusCode(200)
                .extract().asString();
        assertNotNull(body);
        return body;
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return given().header("Authorization", TestTokens.bearer(Roles.AUDITOR));
    }
}
