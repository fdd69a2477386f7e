package io.cxone.themes.channels;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One watch in the fleet report: its state, the worst failing contrast pair with its ratio and our suggestion, when the
 * live look last changed and the drift fields.
 */
public record ReportRow(UUID id, String name, String brandId, String channelId, String env, String domain,
        String state, String worstPair, Double ratio, Double required, String suggestion, Instant lastCheckedAt,
        Instant lastChangedAt, List<String> driftFields) {

    static ReportRow of(Watch w) {
        JsonNode worst = w.worstCheck();
        String pair = null;
        Double ratio = null;
        Double required = null;
        String suggestion = null;
        if (worst != null) {
            pair = worst.path("pair").asText(null);
            ratio = worst.path("ratio").isNumber() ? Math.round(worst.path("ratio").asDouble() * 100) / 100.0 : null;
            required = worst.path("required").isNumber() ? worst.path("required").asDouble() : null;
            JsonNode s = worst.path("suggestion");
            suggestion = s.isObject() ? s.path("message").asText(s.path("path").asText("") + " " + s.path("color")
                    .asText("")) : null;
        }
        return new ReportRow(w.id(), w.name(), w.brandId(), w.channelId(), w.env(), w.domain(), w.state(), pair, ratio,
                required, suggestion, w.lastCheckedAt(), w.lastChangedAt(), w.driftFields());
    }
}
