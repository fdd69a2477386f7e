package io.cxone.themes.theme.draft;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.theme.ValidationReport;

/** The contrast status of a draft in the list: valid or not, and how many checks fail as errors and as warnings. */
public record ReportSummary(boolean valid, int fieldErrors, int failingChecks, int warnings) {

    static ReportSummary of(ValidationReport report) {
        int failing = 0, warnings = 0;
        for (ContrastCheck check : report.contrast()) {
            if (!check.passes()) {
                if (check.severity() == ContrastCheck.Severity.error) {
                    failing++;
                } else {
                    warnings++;
                }
            }
        }
        return new ReportSummary(report.valid(), report.errors().size(), failing, warnings);
    }
}
