package io.cxone.themes.log;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.ParallelCalls;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.TestTokens;

/**
 * A packaged start on its zero-configuration defaults (simulator, embedded PostgreSQL, first start), then concurrent
 * calls that make the database pool open several connections: every WARN or ERROR line in the log is one of
 * {@link #ALLOWED}, each of which asks something of the reader (docs/observability.md, "What the start log says").
 * A WARN that asks nothing teaches people to skip the WARNs that do.
 */
class StartLogIT {
    /** The first line of each WARN/ERROR a start may print, with what it asks the reader to do. */
    static final List<Pattern> ALLOWED = List.of(
            // keep a copy of the generated key and give every instance the same file (APP_AUDIT_SIGNING_KEY)
            Pattern.compile("WARN  \\[io\\.cxone\\.themes\\.audit\\.SigningKey\\] .*Generated the audit checkpoint signing key"),
            // do not mistake the simulator for CXone: set CXONE_BASE_URL in production
            Pattern.compile("WARN  \\[io\\.cxone\\.themes\\.simulator\\.SimulatorRoutes\\] .*CXone simulator ON in a packaged service"),
            // an event loop ran one task for over 2 s: look at the stack it prints (code blocking the loop, or a CPU
            // too busy for this service). On a machine shared with other builds any code may trip it, so it is allowed
            Pattern.compile("WARN  \\[io\\.vertx\\.core\\.impl\\.BlockedThreadChecker\\] .*has been blocked for"));
    private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+ (WARN|ERROR) ");

    @Test
    void aFirstStartAndABusyPoolLogNoWarningThatAsksNothing() {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", "target/start-log-it/pg");
        String log;
        try (ServiceProcess service = ServiceProcess.start("start-log-it", props)) {
            // more calls at once than one connection serves: the pool opens more (the duplicate-gauge WARN came then)
            List<URI> urls = IntStream.range(0, 16).mapToObj(i -> URI.create(service.url("/api/v1/themes?page=1&size=5")))
                    .toList();
            List<Integer> statuses = ParallelCalls.get(urls, TestTokens.bearer(Roles.VIEWER)).stream()
                    .map(HttpResponse::statusCode).toList();
            assertEquals(16, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            given().get(service.url("/q/metrics")).then().statusCode(200);
            // read before the stop: this is about starting and serving (a stop's own lines are GracefulShutdownIT's)
            log = service.log();
        }
        List<String> unexpected = log.lines().filter(line -> LEVEL.matcher(line).find())
                .filter(line -> ALLOWED.stream().noneMatch(p -> p.matcher(line).find())).toList();
        assertEquals(List.of(), unexpected, "WARN/ERROR lines that ask nothing of the reader");
        assertFalse(log.contains("already registered"), log);
    }
}
