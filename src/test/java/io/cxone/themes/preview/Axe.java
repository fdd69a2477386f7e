package io.cxone.themes.preview;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.microsoft.playwright.Page;

/**
 * axe-core from its Maven Central webjar, injected into a page by Playwright. The page's CSP forbids injected script,
 * so callers run axe in a context made with {@code bypassCSP}: that relaxes only what the test adds.
 */
public final class Axe {
    static final String SOURCE = load();

    private Axe() {
    }

    /**
     * Runs axe's color-contrast rule; returns the {@code data-pair} of the element behind every node it flags (or
     * "unmapped:" + selector) under "violations", and likewise every node it could not decide under "incomplete".
     */
    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> contrast(Page page) {
        inject(page);
        return (Map<String, List<String>>) page.evaluate("""
                async () => {
                  const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
                  const pairs = list => list.flatMap(v => v.nodes.map(n => {
                    const el = document.querySelector(n.target[0]);
                    const owner = el && el.closest('[data-pair]');
                    return owner ? owner.dataset.pair : 'unmapped:' + n.target.join(' ');
                  }));
                  return { violations: pairs(result.violations), incomplete: pairs(result.incomplete),
                           passes: pairs(result.passes) };
                }""");
    }

    /** Every serious or critical violation of the whole rule set, as "rule: selector". */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> seriousViolations(Page page) {
        inject(page);
        return (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const result = await axe.run(document);
                  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
                }""");
    }

    private static void inject(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(SOURCE));
        }
    }

    /** The webjar's own version names its path, so a version bump in the pom needs no change here. */
    private static String load() {
        ClassLoader loader = Axe.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("the axe-core webjar (org.webjars.npm:axe-core) is not on the test class path");
            }
            Properties properties = new Properties();
            properties.load(pom);
            String path = "META-INF/resources/webjars/axe-core/" + properties.getProperty("version") + "/axe.min.js";
            try (InputStream script = loader.getResourceAsStream(path)) {
                if (script == null) {
                    throw new IllegalStateException(path + " is not in the axe-core webjar");
                }
                return new String(script.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
