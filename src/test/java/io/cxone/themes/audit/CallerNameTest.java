package io.cxone.themes.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/** The person's name next to the subject in an audit event: cleaned, capped, in the hashed details. */
class CallerNameTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNameLosesControlCharactersAndIsCapped() {
        Caller caller = new Caller("sub-1", "req-1");
        assertEquals("Alice Admin (alice)", caller.named(" Alice\n Admin\u0007 (alice) ").actorName());
        assertEquals(Caller.NAME_LIMIT, caller.named("x".repeat(500)).actorName().length());
        assertSame(caller, caller.named(null));
        assertSame(caller, caller.named("\n\t "));
    }

    @Test
    void theNameGoesIntoTheDetailsWithoutLosingThem() throws Exception {
        assertEquals(JSON.readTree("{\"version\":3,\"actorName\":\"Alice\"}"),
                AuditLog.withActorName(JSON.readTree("{\"version\":3}"), "Alice"));
        assertEquals(JSON.readTree("{\"actorName\":\"Alice\"}"), AuditLog.withActorName(null, "Alice"));
        assertEquals(JSON.readTree("{\"actorName\":\"Alice\"}"), AuditLog.withActorName(NullNode.instance, "Alice"));
        assertNull(AuditLog.withActorName(null, null));
    }
}
