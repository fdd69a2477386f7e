package io.cxone.themes.simulator;

/** One entry of a CXone-style error list: {@code {field, message}}. */
public record WireError(String field, String message) {
}
