package io.cxone.themes.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;

/** Format names resolve to their formats; anything else is a 400 naming the field and the allowed values. */
class AuditFormatsTest {
    @Test
    void namesResolve() {
        assertInstanceOf(JsonLinesFormat.class, AuditFormats.of("jsonl"));
        assertInstanceOf(CefFormat.class, AuditFormats.of("CEF"));
        assertInstanceOf(SyslogFormat.class, AuditFormats.of(" syslog ", "host-1"));
        assertInstanceOf(OcsfFormat.class, AuditFormats.of("ocsf"));
        assertEquals("application/x-ndjson", AuditFormats.of("ocsf").mediaType());
        assertEquals("text/plain", AuditFormats.of("cef").mediaType());
        assertEquals("text/plain", AuditFormats.of("syslog").mediaType());
    }

    @Test
    void unknownNameIsBadRequest() {
        for (String name : new String[] { "xml", "", null, "json" }) {
            ApiException e = assertThrows(ApiException.class, () -> AuditFormats.of(name));
            assertEquals(400, e.status());
            assertEquals(List.of(new FieldError("format", ErrorCode.ENUM, "format must be one of jsonl, cef, syslog, ocsf")),
                    e.problem().errors());
        }
    }
}
