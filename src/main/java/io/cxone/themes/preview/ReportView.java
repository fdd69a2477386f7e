package io.cxone.themes.preview;

import java.util.ArrayList;
import java.util.List;

import io.cxone.themes.problem.FieldError;
import io.cxone.themes.theme.ValidationReport;

/** The validation report as the page lists it: field errors, then one badge per contrast check. */
public record ReportView(boolean valid, String level, List<FieldError> errors, List<CheckView> checks, long failures,
        long warnings) {

    static ReportView of(ValidationReport report) {
        List<CheckView> checks = new ArrayList<>();
        for (int i = 0; i < report.contrast().size(); i++) {
            checks.add(CheckView.of(i, report.contrast().get(i)));
        }
        return new ReportView(report.valid(), report.level().name(), report.errors(), List.copyOf(checks),
                checks.stream().filter(c -> c.status().equals("fail")).count(),
                checks.stream().filter(c -> c.status().equals("warning")).count());
    }
}
