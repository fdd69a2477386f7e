package io.cxone.themes.performance;

import java.util.Arrays;
import java.util.List;

/**
 * p50, p95 and mean of a metric's daily values (ms). Percentiles by the nearest-rank method: always one of the
 * observed values, so a summary never reports a number CXone did not measure.
 */
public record MetricSummary(int days, double p50, double p95, double mean) {

    static MetricSummary of(List<Long> values) {
        if (values.isEmpty()) {
            return new MetricSummary(0, 0, 0, 0);
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new MetricSummary(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), mean);
    }

    private static double rank(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length); // 1-based nearest rank
        return sorted[Math.max(0, rank - 1)];
    }
}
