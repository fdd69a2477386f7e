package io.cxone.themes.simulator;

/** The simulator's current fault set, as read and written by {@code /simulator/admin/faults} (camelCase JSON). */
public record Faults(double errorRate, double throttleRate, long latencyMs, long activationDelayMs,
        double activationFailRate, double ratePerSecond, int maxBatchSize, long tokenTtlSeconds,
        double dropResponseRate, long retryAfterSeconds, boolean retryAfterAsDate, Long seed) {

    static Faults defaults(SimulatorConfig config) {
        return new Faults(config.errorRate(), config.throttleRate(), config.latencyMs(), config.activationDelayMs(),
                config.activationFailRate(), config.ratePerSecond(), config.maxBatchSize(), config.tokenTtlSeconds(),
                config.dropResponseRate(), config.retryAfterSeconds(), config.retryAfterAsDate(),
                config.seed().orElse(null));
    }
}
