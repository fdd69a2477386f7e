package io.cxone.themes.rollout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.web.Params;
import io.cxone.themes.web.StrictJsonCustomizer;

/** The body of {@code POST /api/v1/widgets/{widgetId}/rollouts}, read field by field: each 400 names every bad field. */
@Schema(name = "RolloutRequest", description = "A canary rollout: which version, the variant's weight per stage, how "
        + "long each stage holds and the gate it must pass")
record RolloutRequest(
        @Schema(required = true, description = "The theme (draft) id, from GET /api/v1/themes") UUID themeId,
        @Schema(minimum = "1", description = "The version to roll out; left out, the draft's current version") Integer version,
        @Schema(required = true, description = "The variant's traffic percent per stage: 1 to 10 whole numbers from 1, "
                + "strictly increasing, the last 100", examples = "[5, 25, 100]") List<Integer> stages,
        @Schema(required = true, minimum = "1", maximum = "86400", description = "How long each stage holds before "
                + "its gate is read (seconds)") int holdSeconds,
        @Schema(description = "The gate; each field left out takes its default") Gates gates) {

    static final int MAX_STAGES = 10;
    static final int MAX_HOLD_SECONDS = 86_400;
    static final double MAX_FACTOR = 100;
    static final int MAX_SAMPLES = 10_000_000;
    private static final Set<String> FIELDS = Set.of("themeId", "version", "stages", "holdSeconds", "gates");
    private static final Set<String> GATE_FIELDS = Set.of("themeLoadP95", "renderP95", "firstPaintP95", "minSamples",
            "liveChannelPassing");

    static RolloutRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("$", ErrorCode.TYPE, "the body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        unknown(body, "", FIELDS, errors);
        UUID themeId = null;
        JsonNode t = body.get("themeId");
        if (t == null || t.isNull()) {
            errors.add(new FieldError("themeId", ErrorCode.REQUIRED, "is required: a theme id (a UUID) from GET /api/v1/themes"));
        } else {
            themeId = t.isTextual() ? Params.tryUuid(t.asText()).orElse(null) : null;
            if (themeId == null) {
                errors.add(new FieldError("themeId", ErrorCode.FORMAT, "must be a theme id (a UUID) from GET /api/v1/themes"));
            }
        }
        Integer version = null;
        JsonNode v = body.get("version");
        if (v != null && !v.isNull()) {
            version = StrictJsonCustomizer.wholeNumber(v);
            if (version == null || version < 1) {
                errors.add(new FieldError("version", ErrorCode.TYPE, "must be a version number (1 or more); leave it "
                        + "out to roll out the draft's current version"));
            }
        }
        List<Integer> stages = stages(body.get("stages"), errors);
        Integer hold = whole(body, "", "holdSeconds", 1, MAX_HOLD_SECONDS, null, errors);
        Gates gates = gates(body.get("gates"), errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the rollout is invalid (" + errors.size() + " errors); nothing was started: "
                    + "fix the listed fields and send it again", errors);
        }
        return new RolloutRequest(themeId, version, stages, hold, gates);
    }

    private static List<Integer> stages(JsonNode node, List<FieldError> errors) {
        String rule = "1 to " + MAX_STAGES + " whole percents from 1, strictly increasing, ending at 100 (e.g. [5, 25, 100])";
        if (node == null || node.isNull()) {
            errors.add(new FieldError("stages", ErrorCode.REQUIRED, "is required: " + rule));
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_STAGES) {
            errors.add(new FieldError("stages", ErrorCode.SIZE, "must hold " + rule));
            return null;
        }
        List<Integer> out = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            Integer p = StrictJsonCustomizer.wholeNumber(node.get(i));
            String path = "stages[" + i + "]";
            if (p == null || p < 1 || p > 100) {
                errors.add(new FieldError(path, ErrorCode.RANGE, "must be a whole percent from 1 to 100"));
            } else if (!out.isEmpty() && p <= out.get(out.size() - 1)) {
                errors.add(new FieldError(path, ErrorCode.RANGE, "must be more than the stage before it ("
                        + out.get(out.size() - 1) + "): stages strictly increase"));
            }
            out.add(p == null ? -1 : p);
        }
        if (errors.size() == before && out.get(out.size() - 1) != 100) {
            errors.add(new FieldError("stages[" + (out.size() - 1) + "]", ErrorCode.RANGE, "the last stage must be 100: "
                    + "it makes the variant the widget's theme"));
        }
        return out;
    }

    private static Gates gates(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Gates.DEFAULTS;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("gates", ErrorCode.TYPE, "must be an object with " + GATE_FIELDS));
            return null;
        }
        unknown(node, "gates.", GATE_FIELDS, errors);
        Gates d = Gates.DEFAULTS;
        double load = factor(node, "themeLoadP95", d.themeLoadP95(), errors);
        double render = factor(node, "renderP95", d.renderP95(), errors);
        double paint = factor(node, "firstPaintP95", d.firstPaintP95(), errors);
        Integer samples = whole(node, "gates.", "minSamples", 1, MAX_SAMPLES, d.minSamples(), errors);
        boolean live = d.liveChannelPassing();
        JsonNode l = node.get("liveChannelPassing");
        if (l != null && !l.isNull()) {
            if (!l.isBoolean()) {
                errors.add(new FieldError("gates.liveChannelPassing", ErrorCode.TYPE, "must be true or false"));
            } else {
                live = l.asBoolean();
            }
        }
        return new Gates(load, render, paint, samples == null ? d.minSamples() : samples, live);
    }

    private static double factor(JsonNode gates, String field, double fallback, List<FieldError> errors) {
        JsonNode f = gates.get(field);
        if (f == null || f.isNull()) {
            return fallback;
        }
        if (!f.isNumber() || !(f.asDouble() >= 1 && f.asDouble() <= MAX_FACTOR)) {
            errors.add(new FieldError("gates." + field, ErrorCode.RANGE, "must be a number from 1 to " + (int) MAX_FACTOR
                    + ": the variant's p95 may be at most this many times the control's (1 = no slower)"));
            return fallback;
        }
        return f.asDouble();
    }

    private static Integer whole(JsonNode parent, String prefix, String field, int min, int max, Integer fallback,
            List<FieldError> errors) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                errors.add(new FieldError(prefix + field, ErrorCode.REQUIRED, "is required: a whole number from " + min
                        + " to " + max));
            }
            return fallback;
        }
        Integer value = StrictJsonCustomizer.wholeNumber(n);
        if (value == null || value < min || value > max) {
            errors.add(new FieldError(prefix + field, ErrorCode.RANGE, "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        return value;
    }

    private static void unknown(JsonNode node, String prefix, Set<String> allowed, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(prefix + name, ErrorCode.UNKNOWN_FIELD, "is not a field here; the fields are "
                        + allowed));
            }
        }
    }
}
