package io.cxone.themes.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;

/**
 * One headless Debian Chromium per test class (Playwright never downloads a browser here:
 * {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD} is set by surefire), and the way to show a page that is answered to a POST.
 * Test classes get it through {@link WithChromium}, which launches and closes it and makes the per-test contexts.
 */
public final class Chromium implements AutoCloseable {
    static final Path EXECUTABLE = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
    static final ObjectMapper JSON = new ObjectMapper();
    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install -y chromium (.ci/run does this)");
        }
        Playwright playwright = Playwright.create();
        // assertThat(locator)... waits up to 5 s by default: a statement about speed, replaced by the suite's ceiling
        PlaywrightAssertions.setDefaultAssertionTimeout(Waits.PATIENCE.toMillis());
        // root needs --no-sandbox; the rest keep Chromium from calling home during tests
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
                .setTimeout(Waits.PATIENCE.toMillis()).setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        return new Chromium(playwright, browser);
    }

    /** A fresh context, big enough that the whole preview is on screen (axe measures contrast where it can see). */
    public BrowserContext context(boolean bypassCsp) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1700, 2600)
                .setBypassCSP(bypassCsp));
        // icon URLs point at https hosts that do not exist here; answer them without the network
        context.route("https://**", route -> route.abort());
        // Playwright's own 30 s limits are a statement about speed: on a busy machine they are the suite's ceiling
        context.setDefaultTimeout(Waits.PATIENCE.toMillis());
        context.setDefaultNavigationTimeout(Waits.PATIENCE.toMillis());
        return context;
    }

    /**
     * Navigates {@code page} to {@code url} as a POST of {@code body} (JSON) with a bearer token, so the browser gets
     * the server's real answer, headers included, as a top-level document.
     */
    public static Response post(Page page, String url, Object body, String... roles) {
        String json = body instanceof String text ? text : write(body);
        page.route(url, route -> {
            Map<String, String> headers = new HashMap<>(route.request().headers());
            headers.put("authorization", TestTokens.bearer(roles));
            headers.put("content-type", "application/json");
            route.resume(new Route.ResumeOptions().setMethod("POST").setPostData(json).setHeaders(headers));
        });
        try {
            return page.navigate(url);
        } finally {
            page.unroute(url);
        }
    }

    public static void screenshot(Page page, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
