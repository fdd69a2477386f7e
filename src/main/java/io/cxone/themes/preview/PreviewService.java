package io.cxone.themes.preview;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeDiff;
import io.cxone.themes.theme.ValidationReport;
import io.quarkus.arc.Arc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/** Renders the widget preview and the side-by-side comparison as HTML pages whose only style element carries the CSP nonce. */
@ApplicationScoped
public class PreviewService {
    private final Validator validator;
    private final ObjectMapper mapper;
    private final CurrentVertxRequest request;
    private final IconHosts iconHosts;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance preview(String nonce, PreviewPanel panel, List<Stage> stages);

        static native TemplateInstance compare(String nonce, PreviewPanel left, PreviewPanel right, List<Stage> stages,
                List<FieldChange> changes);
    }

    public PreviewService(Validator validator, ObjectMapper mapper, CurrentVertxRequest request, IconHosts iconHosts) {
        this.iconHosts = iconHosts;
        this.validator = validator;
        this.mapper = mapper;
        this.request = request;
    }

    /** The preview page of one theme (valid or not: errors are listed, invalid values drawn as safe defaults). */
    public String render(Theme theme, ValidationReport report) {
        return render(theme, report, currentNonce());
    }

    /** As {@link #render(Theme, ValidationReport)} with an explicit nonce, for callers outside an HTTP request. */
    public String render(Theme theme, ValidationReport report, String nonce) {
        return Templates.preview(nonce, panel(null, "t0", theme, report), Stage.ALL).render();
    }

    /** Two themes side by side with their reports and the fields that differ; labels are shown escaped. */
    public String compare(String leftLabel, Theme left, ValidationReport leftReport, String rightLabel, Theme right,
            ValidationReport rightReport) {
        return compare(leftLabel, left, leftReport, rightLabel, right, rightReport, currentNonce());
    }

    public String compare(String leftLabel, Theme left, ValidationReport leftReport, String rightLabel, Theme right,
            ValidationReport rightReport, String nonce) {
        PreviewPanel leftPanel = panel(leftLabel == null ? "Left" : leftLabel, "t0", left, leftReport);
        PreviewPanel rightPanel = panel(rightLabel == null ? "Right" : rightLabel, "t1", right, rightReport);
        List<FieldChange> changes = ThemeDiff.diff(mapper.valueToTree(left), mapper.valueToTree(right)).stream()
                .map(FieldChange::of).toList();
        return Templates.compare(nonce, leftPanel, rightPanel, Stage.COMPARE, changes).render();
    }

    private PreviewPanel panel(String label, String scope, Theme theme, ValidationReport report) {
        return new PreviewPanel(label, ThemeView.of(scope, theme, validator, iconHosts), ReportView.of(report));
    }

    /** The nonce {@link SecurityHeaders} will put in this response's policy; a fresh one outside a request. */
    private String currentNonce() {
        RoutingContext ctx = Arc.container().requestContext().isActive() ? request.getCurrent() : null;
        return ctx == null ? CspNonce.fresh() : CspNonce.of(ctx);
    }
}
