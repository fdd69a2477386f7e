package io.cxone.themes.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a {@code PUT /simulator/admin/faults} body: absent fields take the configured defaults, ranges are checked. */
final class FaultsParser {
    private static final Set<String> FIELDS = Set.of("errorRate", "throttleRate", "latencyMs", "activationDelayMs",
            "activationFailRate", "ratePerSecond", "maxBatchSize", "tokenTtlSeconds", "dropResponseRate",
            "retryAfterSeconds", "retryAfterAsDate", "seed");

    private final JsonNode body;
    private final List<WireError> errors = new ArrayList<>();

    private FaultsParser(JsonNode body) {
        this.body = body;
    }

    static Faults parse(JsonNode body, Faults defaults) {
        if (body == null || !body.isObject()) {
            throw SimFailure.of(400, "$", "expected a JSON object");
        }
        FaultsParser p = new FaultsParser(body);
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                p.errors.add(new WireError(name, "unknown field"));
            }
        }
        Faults faults = new Faults(p.rate("errorRate", defaults.errorRate()), p.rate("throttleRate", defaults.throttleRate()),
                p.count("latencyMs", defaults.latencyMs(), 0), p.count("activationDelayMs", defaults.activationDelayMs(), 0),
                p.rate("activationFailRate", defaults.activationFailRate()), p.number("ratePerSecond", defaults.ratePerSecond()),
                (int) p.count("maxBatchSize", defaults.maxBatchSize(), 1), p.count("tokenTtlSeconds", defaults.tokenTtlSeconds(), 0),
                p.rate("dropResponseRate", defaults.dropResponseRate()), p.count("retryAfterSeconds", defaults.retryAfterSeconds(), 0),
                p.bool("retryAfterAsDate", defaults.retryAfterAsDate()), p.seed(defaults.seed()));
        if (!p.errors.isEmpty()) {
            throw SimFailure.badRequest(p.errors);
        }
        return faults;
    }

    private double rate(String field, double fallback) {
        double value = number(field, fallback);
        if (value > 1) {
            errors.add(new WireError(field, "must be between 0 and 1"));
        }
        return value;
    }

    private double number(String field, double fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || !Double.isFinite(node.asDouble())) {
            errors.add(new WireError(field, "must be a non-negative number"));
            return fallback;
        }
        return node.asDouble();
    }

    private long count(String field, long fallback, long min) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > Integer.MAX_VALUE) {
            errors.add(new WireError(field, "must be an integer from " + min + " to " + Integer.MAX_VALUE));
            return fallback;
        }
        return node.asLong();
    }

    private boolean bool(String field, boolean fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            errors.add(new WireError(field, "must be true or false"));
            return fallback;
        }
        return node.asBoolean();
    }

    private Long seed(Long fallback) {
        JsonNode node = body.get("seed");
        if (node == null) {
            return fallback;
        }
        if (node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new WireError("seed", "must be an integer (64-bit) or null"));
            return fallback;
        }
        return node.asLong();
    }
}
