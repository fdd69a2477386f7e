package io.cxone.themes.problem;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every {@code errors[].code} this service answers: one snake_case vocabulary, so that portals can switch on it. The
 * list is the public one in docs/api.md ("Error codes"), which {@code ErrorCodeDocsTest} holds to exactly these. A new
 * kind of error reuses the code of the same concept before it adds one: an unknown field is {@link #UNKNOWN_FIELD} and
 * an unknown id or version {@link #NOT_FOUND} wherever they are found.
 */
public enum ErrorCode {
    /** The field or parameter is missing. */
    REQUIRED("required"),
    /** The wrong JSON type, or not a (whole) number; also a body that is not a JSON object. */
    TYPE("type"),
    /** Not the expected form: not a UUID, a bad version tag, a widget id outside its pattern. */
    FORMAT("format"),
    /** Not one of the listed values. */
    ENUM("enum"),
    /** A number outside its range. */
    RANGE("range"),
    /** A text or list too short or too long. */
    SIZE("size"),
    /** Not a {@code #RRGGBB} colour. */
    COLOR("color"),
    /** Not an {@code https} URL. */
    URL("url"),
    /** Not a multiple of the required step. */
    MULTIPLE("multiple"),
    /** A field the object does not have. */
    UNKNOWN_FIELD("unknown_field"),
    /** An id or version that names nothing. */
    NOT_FOUND("not_found"),
    /** The theme was deleted. */
    DELETED("deleted"),
    /** The publication is not in a state that allows this. */
    STATE("state"),
    /** The publication belongs to another widget. */
    WIDGET("widget"),
    /** The same thing twice: a publication in one assignment list, a version tag already queued or ACTIVE (409). */
    DUPLICATE("duplicate"),
    /** The traffic weights of a group do not sum to 1. */
    SUM("sum"),
    /** An import or channel watch for a host that is not allowed (SSRF rules). */
    NOT_ALLOWED("not_allowed"),
    /** The body is not valid JSON. */
    JSON("json"),
    /** The JSON is nested too deeply or too large. */
    JSON_LIMIT("json_limit"),
    /** More errors than listed. */
    TOO_MANY_ERRORS("too_many_errors"),
    /** CXone refused the field. */
    CXONE("cxone"),
    /** Two publication windows of one zone overlap on a shared day. */
    OVERLAP("overlap"),
    /** 403: an approval by the requester, or a second one by the same approver (four eyes). */
    SAME_PERSON("same_person"),
    /** SC 2.5.8: a control smaller than 24 × 24 CSS px as the widget draws it. */
    TARGET_SIZE("target_size"),
    /** SC 2.4.13: a focus indicator thinner than 2 px (an error only at level AAA). */
    FOCUS_APPEARANCE("focus_appearance"),
    /** A warning: a hover state that differs from the rest state by less than 3:1 in every colour. */
    HOVER_INDISTINCT("hover_indistinct"),
    /** A warning: a pair that passes for typical colour vision falls under its requirement with a deficiency. */
    COLOR_VISION("color_vision"),
    /** 409: the first request with this Idempotency-Key is still running. */
    IDEMPOTENCY_IN_PROGRESS("idempotency_in_progress"),
    /** 422: the Idempotency-Key was used with another request. */
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as the API writes it ({@code unknown_field}). */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The wire form, so a code put into a message or a log line reads as a client sees it. */
    @Override
    public String toString() {
        return wire;
    }
}
