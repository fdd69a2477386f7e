package io.cxone.themes.preview;

/** One field whose value differs between the two compared themes; absent values are null. */
public record FieldChange(String path, String left, String right) {
}
