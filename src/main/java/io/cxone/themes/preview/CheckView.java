package io.cxone.themes.preview;

import java.util.Locale;

import io.cxone.themes.accessibility.ContrastCheck;

/** One contrast badge; the ratio is rounded to two decimals for display only, the report decides unrounded. */
public record CheckView(int index, String pair, String foreground, String background, String ratio, String required,
        String criterionId, String criterion, String status, String suggestionColor, String suggestionMessage) {

    static CheckView of(int index, ContrastCheck check) {
        String status = check.passes() ? "pass" : check.severity() == ContrastCheck.Severity.error ? "fail" : "warning";
        String suggestion = check.suggestion() == null ? null : SafeValues.color(check.suggestion().color(), null);
        return new CheckView(index, check.pair(), SafeValues.color(check.foreground(), "#000000"),
                SafeValues.color(check.background(), "#FFFFFF"), String.format(Locale.ROOT, "%.2f:1", check.ratio()),
                trim(check.required()) + ":1", check.criterion(), criterion(check.criterion()), status, suggestion,
                check.suggestion() == null ? null : check.suggestion().message());
    }

    private static String criterion(String id) {
        return switch (id) {
            case "1.4.3" -> "1.4.3 Contrast (Minimum), AA";
            case "1.4.6" -> "1.4.6 Contrast (Enhanced), AAA";
            case "1.4.11" -> "1.4.11 Non-text Contrast, AA";
            default -> id;
        };
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((int) value) : String.valueOf(value);
    }
}
