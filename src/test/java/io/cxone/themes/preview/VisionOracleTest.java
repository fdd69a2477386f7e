package io.cxone.themes.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.VisionDeficiency;
import io.cxone.themes.accessibility.Wcag;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Seeds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The independent oracle for {@code ?vision=}: Chromium's own emulation (CDP
 * {@code Emulation.setEmulatedVisionDeficiency}, a filter Blink applies to the whole rendered page) on the plain
 * preview, against our server-side preview drawn without emulation. For seeded random themes and all four kinds, the
 * dominant colour of each region (the chat background, the header and each button's fill and text) must agree within
 * 6/255 per channel. Regions are read from screenshots, so both sides are what a person would see.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class VisionOracleTest {
    private static final int TOLERANCE = 6;
    private static final long[] SEEDS = { 23L, 2009L, 4242L };

    @TestHTTPResource("/preview")
    URL preview;

    /** A valid theme of random colours; text pairs keep at least 3:1 so that text and fill are told apart on screen. */
    static Map<String, Object> randomTheme(Random random) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", "Oracle");
        String background = colour(random);
        theme.put("backgroundColor", background);
        theme.put("primaryColor", colour(random));
        PreviewThemes.font(theme).put("family", "sans-serif");
        PreviewThemes.font(theme).put("sizePx", 20); // large bold text: many fully covered pixels per glyph
        PreviewThemes.font(theme).put("weight", 700);
        PreviewThemes.font(theme).put("color", textOn(background, random));
        List<Object> buttons = new ArrayList<>();
        String[] positions = { "left", "center", "right" };
        for (int i = 0; i < 3; i++) {
            String fill = colour(random);
            buttons.add(SampleThemes.button("Button number " + i + " label", fill, textOn(fill, random), positions[i]));
        }
        theme.put("buttons", buttons);
        String headerFill = colour(random);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("backgroundColor", headerFill);
        header.put("textColor", textOn(headerFill, random));
        theme.put("header", header);
        theme.put("name", "Oracle theme with a long enough title");
        return theme;
    }

    private static String colour(Random random) {
        return new Rgb(random.nextInt(256), random.nextInt(256), random.nextInt(256)).hex();
    }

    private static String textOn(String fill, Random random) {
        while (true) {
            String text = colour(random);
            if (Wcag.contrast(Rgb.parse(text), Rgb.parse(fill)) >= 3.0) {
                return text;
            }
        }
    }

    @Test
    void chromiumsEmulationAndOurPreviewAgreeOnEveryRegion(BrowserContext context) {
        List<String> disagreements = new ArrayList<>();
        Map<VisionDeficiency, Integer> worstByKind = new java.util.EnumMap<>(VisionDeficiency.class);
        int compared = 0;
        for (long seed : SEEDS) {
            Map<String, Object> theme = randomTheme(Seeds.random(seed));
            Page plain = context.newPage();
            Chromium.post(plain, preview.toString(), theme, Roles.VIEWER);
            Map<String, Rgb> typical = regions(plain);
            // the measurement itself: without emulation the regions are the theme's own colours, exactly
            assertEquals(expectedRegions(theme), hexes(typical), "seed " + seed + ": the regions as drawn");
            plain.close();
            for (VisionDeficiency kind : VisionDeficiency.values()) {
                Page emulated = context.newPage();
                CDPSession cdp = context.newCDPSession(emulated);
                JsonObject type = new JsonObject();
                type.addProperty("type", kind.wireName());
                cdp.send("Emulation.setEmulatedVisionDeficiency", type);
                Chromium.post(emulated, preview.toString(), theme, Roles.VIEWER);
                Map<String, Rgb> chromium = regions(emulated);

                Page ours = context.newPage();
                Chromium.post(ours, preview + "?vision=" + kind.wireName(), theme, Roles.VIEWER);
                Map<String, Rgb> server = regions(ours);
                if (seed == SEEDS[0]) {
                    Chromium.screenshot(emulated, "vision-" + kind.wireName() + "-chromium.png");
                    Chromium.screenshot(ours, "vision-" + kind.wireName() + "-ours.png");
                }
                emulated.close();
                ours.close();
                for (String region : typical.keySet()) {
                    Rgb a = chromium.get(region), b = server.get(region);
                    compared++;
                    int worst = Math.max(Math.abs(a.r() - b.r()), Math.max(Math.abs(a.g() - b.g()), Math.abs(a.b() - b.b())));
                    worstByKind.merge(kind, worst, Math::max);
                    if (worst > TOLERANCE) {
                        disagreements.add(String.format(Locale.ROOT, "seed %d %s %s: %s drawn as %s by Chromium, %s by us (%d/255)",
                                seed, kind.wireName(), region, typical.get(region).hex(), a.hex(), b.hex(), worst));
                    }
                }
            }
        }
        System.out.println("largest difference per channel, by kind (of 255): " + worstByKind);
        assertEquals(SEEDS.length * 4 * 9, compared, "every region of every theme and kind compared");
        assertEquals(List.of(), disagreements);
    }

    private static Map<String, String> hexes(Map<String, Rgb> regions) {
        Map<String, String> out = new LinkedHashMap<>();
        regions.forEach((k, v) -> out.put(k, v.hex()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> expectedRegions(Map<String, Object> theme) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Object> header = (Map<String, Object>) theme.get("header");
        out.put("header fill", (String) header.get("backgroundColor"));
        out.put("header text", (String) header.get("textColor"));
        out.put("chat background", (String) theme.get("backgroundColor"));
        for (int i = 0; i < 3; i++) {
            out.put("button " + i + " fill", (String) PreviewThemes.button(theme, i).get("color"));
            out.put("button " + i + " text", (String) PreviewThemes.button(theme, i).get("textColor"));
        }
        return out;
    }

    /**
     * Dominant colours of the first (desktop, light page) widget: a fill is the most frequent colour of the box
     * around a text, the text the most frequent other colour (its glyphs' fully covered pixels; anti-aliased edges
     * are spread over many colours).
     */
    private static Map<String, Rgb> regions(Page page) {
        String widget = ".widget[data-stage=desktop-light] ";
        Map<String, Rgb> out = new LinkedHashMap<>();
        Rgb[] header = fillAndText(page, widget + ".chat-title");
        out.put("header fill", header[0]);
        out.put("header text", header[1]);
        out.put("chat background", fillAndText(page, widget + ".actions")[0]);
        for (int i = 0; i < 3; i++) {
            Rgb[] button = fillAndText(page, widget + ".btn-" + i + " .btn-label");
            out.put("button " + i + " fill", button[0]);
            out.put("button " + i + " text", button[1]);
        }
        return out;
    }

    private static Rgb[] fillAndText(Page page, String selector) {
        var box = page.locator(selector).boundingBox();
        List<Rgb> ranked = Pixels.ranked(page, box.x, box.y, box.width, box.height);
        assertTrue(ranked.size() >= 2, selector + " shows text on a fill");
        return new Rgb[] { ranked.get(0), ranked.get(1) };
    }
}
