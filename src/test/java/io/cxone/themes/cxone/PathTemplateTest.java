package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void fillsPlaceholders() {
        assertEquals("/widgets/w-1/themes", PathTemplate.expand("/widgets/{widgetId}/themes", "widgetId", "w-1"));
    }

    @Test
    void encodesValuesSoTheyCannotAddOrClimbSegments() {
        assertEquals("/widgets/..%2F..%2Fadmin%3Fx%3D1%20y/themes",
                PathTemplate.expand("/widgets/{widgetId}/themes", "widgetId", "../../admin?x=1 y"));
    }

    @Test
    void refusesAMissingValue() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.expand("/a/{b}", Map.of()));
    }
}
