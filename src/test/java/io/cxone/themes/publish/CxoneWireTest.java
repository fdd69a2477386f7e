package io.cxone.themes.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.support.SampleThemes;

/** focusIndicator, launcher and buttons[].hover are ours: the CXone body is the same with and without them. */
class CxoneWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a8f-2d6b5e0c7a11");

    @Test
    void theNewFieldsNeverReachCxone() throws Exception {
        ObjectNode plain = JSON.valueToTree(SampleThemes.enterpriseDarkModeJson());
        ObjectNode extended = plain.deepCopy();
        extended.putObject("focusIndicator").put("color", "#FFFFFF").put("widthPx", 3);
        extended.putObject("launcher").put("sizePx", 64);
        ((ObjectNode) extended.path("buttons").get(0)).putObject("hover").put("color", "#00C853").put("textColor", "#000000");
        String wire = JSON.writeValueAsString(CxoneThemes.toCxone(extended, ID, "v2"));
        assertEquals(JSON.writeValueAsString(CxoneThemes.toCxone(plain, ID, "v2")), wire);
        for (String field : new String[] { "\"focus_indicator\"", "\"hover\"", "\"launcher\"", "\"width_px\"", "#00C853" }) {
            assertFalse(wire.contains(field), field + " in " + wire);
        }
    }
}
