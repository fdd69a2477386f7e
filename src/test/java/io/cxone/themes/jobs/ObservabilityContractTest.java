package io.cxone.themes.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Metrics;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard and the Prometheus alerting rules under deploy/observability name only metrics the service
 * really exports: every metric in every expression is looked up in {@code /q/metrics} (a histogram's _bucket, _count
 * and _sum series count as its own). A renamed metric fails here, not silently on a dashboard.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ObservabilityContractTest {
    private static final Path DIR = Path.of("deploy/observability");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "increase",
            "histogram_quantile", "by", "without", "and", "or", "unless", "on", "ignoring");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExported() throws Exception {
        // one CXone call, so that the per-operation series (created on first use) exist
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/contract-w/assignments")
                .then().statusCode(200);
        Set<String> exported = new TreeSet<>(Metrics.names(Metrics.scrape()));

        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DIR.resolve("prometheus-rules.yaml")));
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> expressions.add(r.path("expr").asText())));
        assertTrue(expressions.size() >= 20, "read the panels and rules: " + expressions);

        Set<String> missing = new TreeSet<>();
        for (String expr : expressions) {
            List<String> names = metricNames(expr);
            assertTrue(!names.isEmpty(), "no metric found in " + expr);
            names.stream().filter(n -> !isExported(n, exported)).forEach(n -> missing.add(n + "  (in " + expr + ")"));
        }
        assertEquals(Set.of(), missing, "named by deploy/observability but not in /q/metrics; exported: " + exported);
    }

    /** Metric names in a PromQL expression: identifiers outside label matchers, ranges and by-clauses, not calls. */
    static List<String> metricNames(String expr) {
        String bare = expr.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ");
        List<String> names = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean call = bare.substring(m.end()).stripLeading().startsWith("(");
            if (!call && !PROMQL_WORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    private static boolean isExported(String name, Set<String> exported) {
        if (exported.contains(name)) {
            return true;
        }
        // a histogram's series, and a counter's (its TYPE line names it without _total)
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total")) {
            if (name.endsWith(suffix) && exported.contains(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theNameReaderFindsMetricsAndSkipsPromqlWords() {
        assertEquals(List.of("a_total", "b_seconds_bucket"), metricNames(
                "sum by (le, operation) (rate(a_total{x=\"y\"}[5m])) / histogram_quantile(0.9, rate(b_seconds_bucket[1m]))"));
        assertEquals(List.of("u", "v"), metricNames("max(u) > 0 and min(v) > 600"));
    }
}
