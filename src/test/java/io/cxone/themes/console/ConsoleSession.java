package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.support.TestTokens;

/** A console tab in a fresh browser context that records every URL it requests and every uncaught page error. */
final class ConsoleSession implements AutoCloseable {
    final BrowserContext context;
    final Page page;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

    ConsoleSession(Chromium chromium, boolean bypassCsp) {
        context = chromium.context(bypassCsp);
        page = context.newPage();
        page.onRequest(request -> requests.add(request.url()));
        page.onPageError(error -> errors.add(error));
    }

    com.microsoft.playwright.Response open(java.net.URL root) {
        com.microsoft.playwright.Response response = page.navigate(root.toString());
        assertThat(page.locator("#status")).containsText("token");
        return response;
    }

    /** Pastes a token for subject "tester" with {@code roles}, as a user would. */
    void signIn(String... roles) {
        page.fill("#token", TestTokens.token("tester", roles));
        page.click("#auth button[type=submit]");
        page.waitForCondition(() -> page.inputValue("#token").isEmpty()); // the field is cleared once the token is kept
    }

    void view(String name) {
        page.click("nav [data-view=" + name + "]");
        assertThat(page.locator("[data-view-panel=" + name + "]")).isVisible();
    }

    Locator badge(String pair, String criterion) {
        return page.locator(".badge[data-pair='" + pair + "'][data-criterion='" + criterion + "']");
    }

    /** Hosts of every request this tab made. */
    List<String> hosts() {
        return requests.stream().map(url -> URI.create(url).getHost()).distinct().toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
