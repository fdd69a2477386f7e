package io.cxone.themes.performance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.cxone.CxoneClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads CXone's daily widget performance series and summarises them per metric and per live theme version. */
@ApplicationScoped
public class PerformanceService {
    static final List<String> METRICS = List.of("first_paint", "theme_load_time", "render_duration");

    private final CxoneClient cxone;
    private final Pool pool;

    PerformanceService(CxoneClient cxone, Pool pool) {
        this.cxone = cxone;
        this.pool = pool;
    }

    public Uni<PerformanceReport> report(String widgetId, String from, String to) {
        return cxone.performance(widgetId, from, to, String.join(",", METRICS))
                .chain(answer -> publications(widgetId).map(links -> summarise(widgetId, from, to, answer, links)));
    }

    private static PerformanceReport summarise(String widgetId, String from, String to, JsonNode answer,
            Map<String, Row> links) {
        Map<String, MetricSummary> overall = new LinkedHashMap<>();
        Map<String, Map<String, List<Long>>> perTheme = new LinkedHashMap<>(); // cxone theme -> metric -> values
        JsonNode series = answer.path("series");
        for (String metric : METRICS) {
            List<Long> values = new ArrayList<>();
            for (JsonNode point : series.path(metric)) {
                long value = point.path("value").asLong();
                values.add(value);
                String theme = point.path("theme_id").isTextual() ? point.path("theme_id").asText() : null;
                perTheme.computeIfAbsent(theme, t -> new LinkedHashMap<>())
                        .computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
            }
            overall.put(metric, MetricSummary.of(values));
        }
        List<PerformanceReport.ByTheme> byTheme = new ArrayList<>();
        perTheme.forEach((theme, metrics) -> {
            Map<String, MetricSummary> summaries = new LinkedHashMap<>();
            metrics.forEach((metric, values) -> summaries.put(metric, MetricSummary.of(values)));
            Row link = theme == null ? null : links.get(theme);
            byTheme.add(new PerformanceReport.ByTheme(theme,
                    link == null ? null : Objects.toString(link.getUUID("id")),
                    link == null ? null : Objects.toString(link.getUUID("theme_id")),
                    link == null ? null : link.getInteger("theme_version"), summaries));
        });
        return new PerformanceReport(widgetId, answer.path("start_date").asText(from),
                answer.path("end_date").asText(to), "ms", overall, byTheme);
    }

    /** Our publications to this widget by the CXone theme id they created (the newest when one was republished). */
    private Uni<Map<String, Row>> publications(String widgetId) {
        return pool.preparedQuery("SELECT id, theme_id, theme_version, cxone_theme_id FROM publications "
                + "WHERE widget_id = $1 ORDER BY created_at").execute(Tuple.of(widgetId)).map(rows -> {
                    Map<String, Row> byCxoneId = new LinkedHashMap<>();
                    rows.forEach(r -> byCxoneId.put(r.getUUID("cxone_theme_id").toString(), r));
                    return byCxoneId;
                });
    }

}
