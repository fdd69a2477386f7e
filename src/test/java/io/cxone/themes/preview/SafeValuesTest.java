package io.cxone.themes.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeValidator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The render-time gate on its own, and the renderer API called directly, outside any HTTP request. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class SafeValuesTest {
    @Inject
    Validator validator;

    @Inject
    ThemeValidator themes;

    @Inject
    PreviewService previews;

    @Test
    void onlyCanonicalColoursPass() {
        assertEquals("#00E676", SafeValues.color("#00E676", "#FFFFFF"));
        for (String hostile : new String[] { "#00e676", "#0E6", "red", "#00E676;background:url(x)", "#00E676 ", "" }) {
            assertEquals("#FFFFFF", SafeValues.color(hostile, "#FFFFFF"), hostile);
        }
        assertEquals("#FFFFFF", SafeValues.color(null, "#FFFFFF"));
    }

    @Test
    void familiesAreQuotedUnlessGenericAndRefusedWhenTheyAreNotPlainNames() {
        assertEquals(List.of(new FamilyName("Open Sans", true), new FamilyName("Arial", true), new FamilyName("sans-serif", false)),
                SafeValues.families("\"Open Sans\", Arial,sans-serif", validator));
        assertEquals(List.of(new FamilyName("serif", true)), SafeValues.families("'serif'", validator), "a font named serif");
        for (String hostile : new String[] { "Inter;}</style><script>x</script>", "red;background:url(https://evil)",
                "Inter\", evil \"", "a\\\"b", "Inter, ", "" }) {
            assertEquals(SafeValues.defaultFamilies(), SafeValues.families(hostile, validator), hostile);
        }
    }

    @Test
    void iconsOnlyFromHttpsAndNumbersOnlyInRange() {
        assertEquals("https://cdn.example.com/a.svg?x=1&y=2", SafeValues.iconUrl("https://cdn.example.com/a.svg?x=1&y=2", validator));
        for (String hostile : new String[] { "javascript:alert(1)", "http://cdn.example.com/a.svg", "data:image/svg+xml,<svg/>",
                "//cdn.example.com/a.svg", "https://cdn.example.com/a.svg\" onerror=\"x", " https://cdn.example.com/a.svg" }) {
            assertNull(SafeValues.iconUrl(hostile, validator), hostile);
        }
        assertEquals(500, SafeValues.range(500, 100, 900, 100, 400));
        assertEquals(400, SafeValues.range(550, 100, 900, 100, 400));
        assertEquals(14, SafeValues.range(null, 12, 24, 1, 14));
        assertEquals(14, SafeValues.range(99, 12, 24, 1, 14));
    }

    @Test
    void theRendererDrawsAnEmptyThemeWithDefaultsAndTakesAnExplicitNonce() {
        Theme empty = new Theme(null, null, null, null, null, null, null, null);
        String html = previews.render(empty, themes.validate(empty, Level.AA), "test-nonce");
        assertTrue(html.contains("<style nonce=\"test-nonce\">"));
        assertTrue(html.contains("Untitled theme"));
        assertTrue(html.contains("data-path=\"font\""), "the missing font is listed");
        // outside a request there is no header to match: a fresh nonce all the same, never none
        Theme sample = SampleThemes.enterpriseDarkMode();
        String compared = previews.compare("a", sample, themes.validate(sample, Level.AA), "b", sample, themes.validate(sample, Level.AA));
        assertTrue(compared.matches("(?s).*<style nonce=\"[A-Za-z0-9_-]{22}\">.*"));
        assertFalse(compared.contains("data-testid=\"changes\""));
    }
}
