package io.cxone.themes.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.support.SampleThemes;

/** The optional focusIndicator, buttons[].hover and launcher fields: reading, field rules, defaults, storage, diff. */
class BeyondTextPairsModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CONTENT = JSON.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    private static final ThemeValidator VALIDATOR = PlainValidators.themeValidator();

    static ObjectNode sample() {
        return JSON.valueToTree(SampleThemes.enterpriseDarkModeJson());
    }

    static ObjectNode withAll() {
        ObjectNode theme = sample();
        theme.putObject("focusIndicator").put("color", "#ffd54f").put("widthPx", 3);
        theme.putObject("launcher").put("sizePx", 48);
        ((ObjectNode) theme.path("buttons").get(0)).putObject("hover").put("color", "#00c853").put("textColor", "#000");
        return theme;
    }

    @Test
    void readsNormalisesAndStoresTheNewFields() {
        ThemeJsonReader.Result read = ThemeJsonReader.read(withAll());
        assertEquals(List.of(), read.errors());
        Theme theme = read.theme();
        assertEquals(new FocusIndicator("#FFD54F", 3), theme.focusIndicator());
        assertEquals(new Launcher(48), theme.launcher());
        assertEquals(new Hover("#00C853", "#000000"), theme.buttons().get(0).hover());
        assertNull(theme.buttons().get(1).hover());
        JsonNode stored = CONTENT.valueToTree(theme);
        assertEquals("{\"color\":\"#FFD54F\",\"widthPx\":3}", stored.path("focusIndicator").toString());
        assertEquals("{\"sizePx\":48}", stored.path("launcher").toString());
        assertEquals("{\"color\":\"#00C853\",\"textColor\":\"#000000\"}", stored.path("buttons").get(0).path("hover").toString());
        assertFalse(stored.path("buttons").get(1).has("hover"), "absent stays absent");
        assertEquals(theme, ThemeJsonReader.read(stored).theme(), "stored JSON reads back to the same theme");
    }

    @Test
    void defaultsAreWhatTheWidgetDraws() {
        Theme old = SampleThemes.enterpriseDarkMode();
        assertEquals(new FocusIndicator("#00E676", 2), old.focusIndicatorOrDefault());
        assertEquals(new Launcher(56), old.launcherOrDefault());
        Button rest = old.buttons().get(1);
        assertEquals(new Hover(rest.color(), rest.textColor()), rest.hoverOrRest());
        Theme explicit = ThemeJsonReader.read(withAll()).theme();
        assertEquals(explicit.focusIndicator(), explicit.focusIndicatorOrDefault());
        assertEquals(explicit.launcher(), explicit.launcherOrDefault());
        assertEquals(explicit.buttons().get(0).hover(), explicit.buttons().get(0).hoverOrRest());
    }

    @Test
    void fieldRulesNameThePathAndTheBounds() {
        ObjectNode theme = sample();
        theme.putObject("focusIndicator").put("color", "yellow").put("widthPx", 5);
        theme.putObject("launcher").put("sizePx", 23);
        ((ObjectNode) theme.path("buttons").get(1)).putObject("hover").put("textColor", "#FFF").put("colour", "#000");
        List<FieldError> errors = VALIDATOR.validate(theme, Level.AA).errors();
        assertTrue(errors.contains(new FieldError("focusIndicator.color", ErrorCode.COLOR, "must be a #RRGGBB or #RGB colour"))
                || errors.stream().anyMatch(e -> e.path().equals("focusIndicator.color") && e.code() == ErrorCode.COLOR), errors.toString());
        assertTrue(errors.contains(new FieldError("focusIndicator.widthPx", ErrorCode.RANGE, "must be between 1 and 4")), errors.toString());
        assertTrue(errors.contains(new FieldError("launcher.sizePx", ErrorCode.RANGE, "must be between 24 and 96")), errors.toString());
        assertTrue(errors.contains(new FieldError("buttons[1].hover.color", ErrorCode.REQUIRED, "is required")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("buttons[1].hover.colour") && e.code() == ErrorCode.UNKNOWN_FIELD),
                errors.toString());

        ObjectNode wrongTypes = sample();
        wrongTypes.put("focusIndicator", "#FFFFFF");
        wrongTypes.putObject("launcher").put("sizePx", "56");
        List<FieldError> typeErrors = VALIDATOR.validate(wrongTypes, Level.AA).errors();
        assertEquals(List.of(new FieldError("focusIndicator", ErrorCode.TYPE, "must be an object"),
                new FieldError("launcher.sizePx", ErrorCode.TYPE, "must be a whole number")), typeErrors);
    }

    @Test
    void boundsAreInclusive() {
        for (int width : new int[] { 1, 4 }) {
            ObjectNode theme = sample();
            theme.putObject("focusIndicator").put("color", "#FFFFFF").put("widthPx", width);
            assertEquals(List.of(), VALIDATOR.validate(theme, Level.AA).errors(), "width " + width);
        }
        for (int size : new int[] { 24, 96 }) {
            ObjectNode theme = sample();
            theme.putObject("launcher").put("sizePx", size);
            assertEquals(List.of(), VALIDATOR.validate(theme, Level.AA).errors(), "size " + size);
        }
    }

    @Test
    void diffShowsTheNewFieldsInModelOrder() {
        ObjectNode from = sample();
        ObjectNode to = withAll();
        List<ThemeDiff.Change> changes = ThemeDiff.diff(from, to);
        assertEquals(List.of("buttons[0].hover", "focusIndicator", "launcher"),
                changes.stream().map(ThemeDiff.Change::path).toList());
        ObjectNode later = to.deepCopy();
        ((ObjectNode) later.path("buttons").get(0).path("hover")).put("textColor", "#111111");
        ((ObjectNode) later.path("focusIndicator")).put("widthPx", 2);
        List<ThemeDiff.Change> edits = ThemeDiff.diff(to, later);
        assertEquals(List.of("buttons[0].hover.textColor", "focusIndicator.widthPx"),
                edits.stream().map(ThemeDiff.Change::path).toList());
        assertEquals(later, ThemeDiff.apply(to, edits));
        assertEquals(Map.of("kind", "removed"), Map.of("kind", ThemeDiff.diff(later, from).get(0).kind()));
    }
}
