package io.cxone.themes.preview;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs in a real browser: {@link BrowserExtension} launches one {@link Chromium} for the class and
 * gives each test that asks for a {@code Page} or {@code BrowserContext} parameter a fresh one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserExtension.class)
public @interface WithChromium {
    /** Whether the per-test context bypasses the page's CSP (only so that a test may inject axe-core). */
    boolean bypassCsp() default false;

    /** If not empty, every request of the per-test context carries a bearer token with these roles. */
    String[] bearer() default {};
}
