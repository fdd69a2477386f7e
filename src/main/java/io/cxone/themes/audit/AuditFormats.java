package io.cxone.themes.audit;

import java.util.Locale;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;

/** Looks up an export format by the name a client asks for: {@code jsonl}, {@code cef}, {@code syslog} or {@code ocsf}. */
public final class AuditFormats {
    private AuditFormats() {
    }

    /** The format named, with no hostname (syslog HOSTNAME {@code -}, no OCSF src_endpoint hostname). */
    public static AuditFormat of(String name) {
        return of(name, null);
    }

    /** The format named; {@code hostname} (nullable) goes into syslog lines and OCSF src_endpoint. */
    public static AuditFormat of(String name, String hostname) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "jsonl" -> new JsonLinesFormat();
            case "cef" -> new CefFormat();
            case "syslog" -> new SyslogFormat(hostname);
            case "ocsf" -> new OcsfFormat(hostname);
            default -> throw ApiException.badRequest("format", ErrorCode.ENUM, "format must be one of jsonl, cef, syslog, ocsf");
        };
    }
}
