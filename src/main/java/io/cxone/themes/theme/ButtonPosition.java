package io.cxone.themes.theme;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a button sits in the chat window. */
public enum ButtonPosition {
    LEFT, RIGHT, CENTER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ButtonPosition> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.json().equals(value)).findFirst();
    }
}
