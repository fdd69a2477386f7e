package io.cxone.themes.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code /q/metrics} (Prometheus text format) for tests: one reader of the format. */
public final class Metrics {
    private Metrics() {
    }

    /** The test application's metrics, now. */
    public static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the series of {@code name} whose tags include all of {@code tags}; 0 when there is none yet. */
    public static double value(String metrics, String name, String... tags) {
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            if (List.of(tags).stream().allMatch(found::contains)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    /** Every metric name defined in the text (from its {@code # TYPE} line). */
    public static List<String> names(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
    }
}
