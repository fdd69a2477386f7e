package io.cxone.themes.preview;

/**
 * One font family for the page's CSS. Generic keywords stay unquoted (quoted, {@code "serif"} would name a font
 * called serif); every other name is quoted by the template, which is safe because names hold only letters, digits,
 * space, {@code -} and {@code _}.
 */
public record FamilyName(String name, boolean quoted) {
}
