package io.cxone.themes.performance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.publish.PublicationQueries.CxoneThemeLink;
import io.cxone.themes.publish.PublicationQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Reads CXone's daily widget performance series and summarises them per metric and per live theme version. */
@ApplicationScoped
public class PerformanceService {
    static final List<String> METRICS = List.of("first_paint", "theme_load_time", "render_duration");

    private final CxoneClient cxone;
    private final Pool pool;
    private final PublicationQueries publications;

    PerformanceService(CxoneClient cxone, Pool pool, PublicationQueries publications) {
        this.cxone = cxone;
        this.pool = pool;
        this.publications = publications;
    }

    public Uni<PerformanceReport> report(String widgetId, String from, String to) {
        return cxone.performance(widgetId, from, to, String.join(",", METRICS))
                .chain(answer -> publications.byCxoneTheme(pool, widgetId)
                        .map(links -> summarise(widgetId, from, to, answer, links)));
    }

    private static PerformanceReport summarise(String widgetId, String from, String to, JsonNode answer,
            Map<String, CxoneThemeLink> links) {
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
            CxoneThemeLink link = theme == null ? null : links.get(theme);
            byTheme.add(new PerformanceReport.ByTheme(theme,
                    link == null ? null : link.publicationId().toString(),
                    link == null ? null : link.themeId().toString(),
                    link == null ? null : link.themeVersion(), summaries));
        });
        return new PerformanceReport(widgetId, answer.path("start_date").asText(from),
                answer.path("end_date").asText(to), "ms", overall, byTheme);
    }


}
