package io.cxone.themes.preview;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.cxone.themes.support.TestTokens;

/**
 * The browser set-up of the preview and console tests, used through {@link WithChromium}: one {@link Chromium} per
 * test class, closed after it; per test, a fresh {@link BrowserContext} (see {@link Chromium#context}) and
 * {@link Page}, made when a test or {@code @BeforeEach} method first asks for one as a parameter and closed after the
 * test (signed in with a bearer token if {@link WithChromium#bearer} says so). {@link Chromium} itself is a parameter too, for tests that make their own contexts.
 */
public final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(BrowserExtension.class);

    @Override
    public void beforeAll(ExtensionContext extension) {
        extension.getStore(NAMESPACE).put(Chromium.class, Chromium.launch());
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        Chromium chromium = extension.getStore(NAMESPACE).remove(Chromium.class, Chromium.class);
        if (chromium != null) {
            chromium.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        extension.getStore(NAMESPACE).remove(Page.class); // closed with its context
        BrowserContext context = extension.getStore(NAMESPACE).remove(BrowserContext.class, BrowserContext.class);
        if (context != null) {
            context.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == Chromium.class || type == BrowserContext.class || type == Page.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Chromium.class) {
            return chromium(extension);
        }
        if (extension.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException(type.getSimpleName() + " is per test: ask for it in a test or @BeforeEach method");
        }
        return type == Page.class ? page(extension) : context(extension);
    }

    private static Chromium chromium(ExtensionContext extension) {
        Chromium chromium = extension.getStore(NAMESPACE).get(Chromium.class, Chromium.class);
        if (chromium == null) {
            throw new ParameterResolutionException("no Chromium: the test class is not annotated @WithChromium");
        }
        return chromium;
    }

    private static BrowserContext context(ExtensionContext extension) {
        WithChromium options = AnnotationSupport.findAnnotation(extension.getRequiredTestClass(), WithChromium.class)
                .orElseThrow(() -> new ParameterResolutionException("the test class is not annotated @WithChromium"));
        Store store = extension.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(BrowserContext.class, key -> {
            BrowserContext context = chromium(extension).context(options.bypassCsp());
            if (options.bearer().length > 0) {
                context.setExtraHTTPHeaders(Map.of("Authorization", TestTokens.bearer(options.bearer())));
            }
            return context;
        }, BrowserContext.class);
    }

    private static Page page(ExtensionContext extension) {
        return extension.getStore(NAMESPACE).getOrComputeIfAbsent(Page.class, key -> context(extension).newPage(), Page.class);
    }
}
