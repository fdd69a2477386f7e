package io.cxone.themes.log;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The JVM, process and system series are bound before the first scrape is answered (JvmMetricsAtFirstScrape), so
 * every scrape has them, as when Quarkus bound them at start.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class JvmMetricsAtFirstScrapeTest {

    @Test
    void everyScrapeHasTheJvmProcessAndSystemSeries() {
        for (int scrape = 0; scrape < 2; scrape++) {
            String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String series : new String[] { "jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "jvm_gc_overhead", "jvm_info", "process_uptime_seconds",
                    "process_cpu_usage", "system_cpu_count", "process_files_open_files" }) {
                assertTrue(body.contains("\n" + series), series + " in scrape " + scrape);
            }
        }
    }

    @Test
    void aRelativeScrapePathIsUnderTheNonApplicationRoot() {
        assertEquals("/q/metrics", JvmMetricsAtFirstScrape.metricsPath("q", "metrics"));
        assertEquals("/q/metrics", JvmMetricsAtFirstScrape.metricsPath("/q/", "metrics"));
        assertEquals("/metrics", JvmMetricsAtFirstScrape.metricsPath("q", "/metrics"));
    }
}
