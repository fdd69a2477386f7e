package io.cxone.themes.accessibility;

/** The fix for a failing pair: set {@code path} to {@code color}, which reaches {@code ratio}; {@code message} says so in words. */
public record Suggestion(String path, String color, double ratio, boolean passes, String message) {
}
