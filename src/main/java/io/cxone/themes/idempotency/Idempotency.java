package io.cxone.themes.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The {@code Idempotency-Key} request header (IETF httpapi draft "The Idempotency-Key HTTP Header Field", with Stripe's
 * semantics) on every POST that creates something. A resource starts its creating request with
 * {@link #once(String, Function)} and gets the {@link Once} that its service's transaction goes through.
 *
 * <p>The key: the draft's Structured Field string ({@code "…"}) or the same characters bare (as Stripe and most clients
 * send it), 1 to {@value #MAX_LENGTH} letters, digits or {@code - . _ ~ : + / =} (UUIDs, base64, ULIDs, prefixed ids).
 * Anything else is 400 naming the header, so that a client bug never silently turns keyed retries into new requests.
 * A key belongs to the token's subject; the request it stands for is the hash of method, path and body bytes.
 */
@RequestScoped
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:+/=-]{1," + MAX_LENGTH + "}");
    /** For the OpenAPI documents of the creating operations. */
    public static final String DESCRIPTION = "Optional. Retries with the same key and body within APP_IDEMPOTENCY_TTL "
            + "(24 h) get the first answer (Idempotent-Replayed: true) and create nothing; the same key with another body "
            + "is 422 idempotency_key_reused; while the first is still running, 409 idempotency_in_progress with "
            + "Retry-After. 1-255 letters, digits or - . _ ~ : + / =, bare or as a quoted string.";

    private final RoutingContext request;
    private final CurrentCaller caller;
    private final IdempotencyStore store;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final IdempotencySettings settings;

    Idempotency(RoutingContext request, CurrentCaller caller, IdempotencyStore store, Pool pool, ObjectMapper mapper,
            IdempotencySettings settings) {
        this.request = request;
        this.caller = caller;
        this.store = store;
        this.pool = pool;
        this.mapper = mapper;
        this.settings = settings;
    }

    /**
     * The current request as a {@link Once}: keyed when it carries the header.
     *
     * @param body   the body as the resource read it (its UTF-8 bytes are hashed)
     * @param answer how the resource answers a created {@code T} (status, Location, ETag, entity); it runs inside the
     *               creating transaction when the request is keyed, so it must only build the response
     * @throws ApiException 400 naming the header when it is malformed or sent more than once
     */
    public <T> Once<T> once(String body, Function<T, Response> answer) {
        return once(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), answer);
    }

    /** As {@link #once(String, Function)}, for a body read as bytes. */
    public <T> Once<T> once(byte[] body, Function<T, Response> answer) {
        String key = key(request.request().headers().getAll(HEADER));
        if (key == null) {
            return new Once<>(null, answer, store, pool, mapper, settings.ttl());
        }
        String query = request.request().query();
        String target = request.normalizedPath() + (query == null ? "" : "?" + query);
        Claim claim = new Claim(caller.get().actor(), key, hash(request.request().method().name(), target, body));
        return new Once<>(claim, answer, store, pool, mapper, settings.ttl());
    }

    /** The key the header carries, null without the header; 400 when it is malformed. */
    static String key(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(HEADER, ErrorCode.FORMAT, "send it once (it came " + values.size() + " times)");
        }
        String value = values.get(0).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1); // the draft's sf-string; the same key as bare
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw ApiException.badRequest(HEADER, ErrorCode.SIZE, "must be 1 to " + MAX_LENGTH + " characters (it had "
                    + value.length() + "); a V4 UUID is a good key");
        }
        if (!KEY.matcher(value).matches()) {
            throw ApiException.badRequest(HEADER, ErrorCode.FORMAT, "may contain only letters, digits and - . _ ~ : + / = "
                    + "(bare, or as a quoted string); a V4 UUID is a good key");
        }
        return value;
    }

    /** sha256 (hex) of the canonical request: method, a space, the path (and query), a newline, the body's bytes. */
    static String hash(String method, String target, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A duration as people write it: 24h, 90m, 45s. */
    static String describe(Duration d) {
        if (d.toSeconds() % 3600 == 0 && d.toSeconds() > 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0 && d.toSeconds() > 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
