package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With tracing on, one portal request is one trace: our server span, and as its descendants the CXone calls (client
 * spans, W3C traceparent sent upstream, which the in-process simulator answers with server spans of the same trace).
 * Spans are collected by an in-memory exporter; tracing is off by default (every other test application).
 */
@QuarkusTest
@TestProfile(TracingTest.On.class)
@WithTestResource(JwtTestKeys.class)
class TracingTest {
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aRequestAndItsCxoneCallsAreOneTrace() {
        spans.reset();
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/traced-w1/assignments")
                .then().statusCode(200);
        List<SpanData> all = Waits.until("the request's spans exported", () -> spans.getFinishedSpanItems(),
                list -> list.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/v1/widgets")));
        SpanData request = all.stream().filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/v1/widgets"))
                .findFirst().orElseThrow();
        List<SpanData> trace = all.stream().filter(s -> s.getTraceId().equals(request.getTraceId())).toList();
        List<SpanData> cxone = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        assertFalse(cxone.isEmpty(), "a CXone call in the request's trace: " + names(trace));
        Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        for (SpanData call : cxone) {
            assertTrue(ids.contains(call.getParentSpanId()), "each CXone call is a child within the trace: " + names(trace));
        }
        assertTrue(trace.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/simulator/cxone")),
                "the traceparent reached the (simulated) CXone: " + names(trace));
        assertEquals(1L, all.stream().filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/v1/widgets"))
                .count(), names(all).toString());
    }

    /**
     * A publication runs as a job after its request ended: its steps are spans whose parent is the request's server
     * span (the traceparent stored with the job), and the CXone calls of the steps (create the theme, poll its status)
     * are their children — one trace from the portal's POST to the last CXone call. The audit's request id is the
     * trace id.
     */
    @Test
    void aPublicationIsOneTraceFromThePortalsRequestToItsCxoneCalls() {
        String base = "http://localhost:" + io.restassured.RestAssured.port;
        String draft = io.cxone.themes.support.TestPublications.draft(base);
        spans.reset();
        String id = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("themeId", draft))
                .post("/api/v1/widgets/traced-w2/publications").then().statusCode(202).extract().path("id");
        Waits.until("publication " + id + " ACTIVE", () -> given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                .get("/api/v1/publications/" + id).then().statusCode(200).extract().path("state"), "ACTIVE"::equals);
        List<SpanData> all = Waits.until("the publication's spans exported", () -> spans.getFinishedSpanItems(),
                list -> list.stream().anyMatch(s -> s.getName().startsWith("publication.step ACTIVATING")
                        || s.getName().startsWith("publication.step SUBMITTED")));
        SpanData request = all.stream().filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/publications"))
                .findFirst().orElseThrow(() -> new AssertionError(names(all).toString()));
        List<SpanData> trace = all.stream().filter(s -> s.getTraceId().equals(request.getTraceId())).toList();
        List<SpanData> steps = trace.stream().filter(s -> s.getName().startsWith("publication.step")).toList();
        assertFalse(steps.isEmpty(), names(all).toString());
        steps.forEach(step -> assertEquals(request.getSpanId(), step.getParentSpanId(), "a step is a child of the request"));
        Set<String> stepIds = steps.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        List<SpanData> cxone = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT
                && stepIds.contains(s.getParentSpanId())).toList();
        assertTrue(cxone.size() >= 2, "the steps' CXone calls (create, status) are their children: " + names(trace));
        String requestId = given().header("Authorization", TestTokens.bearer(Roles.AUDITOR))
                .get("/api/v1/audit?widgetId=traced-w2&action=publication.requested").then().statusCode(200)
                .extract().path("items[0].requestId");
        assertEquals(request.getTraceId(), requestId, "the audit's request id is the trace id");

        // a sync job of the publication: one span for the run, child of its request, with the batch calls under it
        spans.reset();
        List<String> widgets = java.util.stream.IntStream.range(0, 120).mapToObj(i -> "traced-sync-" + i).toList();
        String job = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("publicationId", id, "widgetIds", widgets, "overrideExisting", true))
                .post("/api/v1/sync-jobs").then().statusCode(202).extract().path("id");
        Waits.until("sync job " + job + " SUCCEEDED", () -> given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                .get("/api/v1/sync-jobs/" + job).then().statusCode(200).extract().path("state"), "SUCCEEDED"::equals);
        List<SpanData> sync = Waits.until("the sync run's span exported", () -> spans.getFinishedSpanItems(),
                list -> list.stream().anyMatch(s -> s.getName().equals("sync.run")));
        SpanData post = sync.stream().filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/sync-jobs"))
                .findFirst().orElseThrow(() -> new AssertionError(names(sync).toString()));
        SpanData run = sync.stream().filter(s -> s.getName().equals("sync.run")).findFirst().orElseThrow();
        assertEquals(post.getSpanId(), run.getParentSpanId(), "the run is a child of the request: " + names(sync));
        assertTrue(sync.stream().filter(s -> s.getKind() == SpanKind.CLIENT && run.getSpanId().equals(s.getParentSpanId()))
                .count() >= 3, "the batch-sync calls (120 widgets: 3 batches) are children of the run: " + names(sync));
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(s -> s.getKind() + " " + s.getName() + " " + s.getTraceId().substring(0, 8)).toList();
    }
}
