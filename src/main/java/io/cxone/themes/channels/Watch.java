package io.cxone.themes.channels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.db.Rows;
import io.cxone.themes.livechannel.ChannelRequest;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A channel watch as the API shows it (SPEC section 7) and as a check works on it (the claimed row).
 *
 * @param worstCheck the worst failing error-severity contrast check of the live look (null while it passes or before
 *                   the first successful check); kept through failed fetches, so recovery is judged against it
 */
public record Watch(UUID id, String brandId, String channelId, String env, String domain, String name, UUID themeId,
        int intervalSeconds, String state, Instant lastCheckedAt, Instant lastChangedAt, Instant nextCheckAt,
        int consecutiveFailures, JsonNode worstCheck, List<String> driftFields, String createdBy, Instant createdAt) {

    public static final String PENDING = "pending";
    public static final String PASSING = "passing";
    public static final String FAILING = "failing";
    public static final String DRIFTED = "drifted";
    public static final String UNREACHABLE = "unreachable";
    /** Every state, in the order reports list them. */
    public static final List<String> STATES = List.of(PASSING, FAILING, DRIFTED, UNREACHABLE, PENDING);

    /** The columns {@link #of} reads (jsonb as text: the driver's JSON types are not Jackson's). */
    static final String COLUMNS = "id, brand_id, channel_id, env, domain, name, theme_id, interval_seconds, state, "
            + "last_checked_at, last_changed_at, next_check_at, consecutive_failures, worst_check::text AS worst_check, "
            + "drift_fields::text AS drift_fields, created_by, created_at";

    public ChannelRequest channel() {
        return new ChannelRequest(brandId, channelId, env, domain);
    }

    static Watch of(Row r, ObjectMapper mapper) {
        List<String> drift = new ArrayList<>();
        JsonNode fields = Json.read(mapper, text(r, "drift_fields"));
        if (fields != null) {
            fields.forEach(f -> drift.add(f.asText()));
        }
        return new Watch(r.getUUID("id"), r.getString("brand_id"), r.getString("channel_id"), r.getString("env"),
                r.getString("domain"), r.getString("name"), r.getUUID("theme_id"), r.getInteger("interval_seconds"),
                r.getString("state"), Rows.instant(r, "last_checked_at"), Rows.instant(r, "last_changed_at"),
                Rows.instant(r, "next_check_at"), r.getInteger("consecutive_failures"),
                Json.read(mapper, text(r, "worst_check")), List.copyOf(drift), r.getString("created_by"),
                Rows.instant(r, "created_at"));
    }

    /** A jsonb column: text when selected as {@code ::text}, a Vert.x JSON value from the engine's {@code RETURNING *}. */
    private static String text(Row r, String column) {
        Object value = r.getValue(column);
        return value == null ? null : value.toString();
    }
}
