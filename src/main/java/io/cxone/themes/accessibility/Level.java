package io.cxone.themes.accessibility;

/** The WCAG conformance level a validation enforces; AAA adds SC 1.4.6 as errors. */
public enum Level {
    AA, AAA
}
