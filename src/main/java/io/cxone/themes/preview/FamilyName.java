package io.cxone.themes.preview;

/** One font family for the page's CSS; generic keywords stay unquoted, every other name is quoted by the template. */
public record FamilyName(String name, boolean quoted) {
    // quoted, "serif" would name a font called serif; quoting is safe as names hold only letters, digits, space, - and _
}
