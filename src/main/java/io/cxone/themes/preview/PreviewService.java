package io.cxone.themes.preview;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.accessibility.VisionDeficiency;
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
        static native TemplateInstance preview(String nonce, PreviewPanel panel, List<Stage> stages, String vision);

        static native TemplateInstance compare(String nonce, PreviewPanel left, PreviewPanel right, List<Stage> stages,
                List<FieldChange> changes, String vision);
    }

    public PreviewService(Validator validator, ObjectMapper mapper, CurrentVertxRequest request, IconHosts iconHosts) {
        this.iconHosts = iconHosts;
        this.validator = validator;
        this.mapper = mapper;
        this.request = request;
    }

    /** The preview page of one theme (valid or not: errors are listed, invalid values drawn as safe defaults). */
    public String render(Theme theme, ValidationReport report) {
        return render(theme, report, currentNonce(), null);
    }

    /** As {@link #render(Theme, ValidationReport)}, every colour as seen with {@code vision} (null: as it is). */
    public String render(Theme theme, ValidationReport report, VisionDeficiency vision) {
        return render(theme, report, currentNonce(), vision);
    }

    /** As {@link #render(Theme, ValidationReport)} with an explicit nonce, for callers outside an HTTP request. */
    public String render(Theme theme, ValidationReport report, String nonce) {
        return render(theme, report, nonce, null);
    }

    public String render(Theme theme, ValidationReport report, String nonce, VisionDeficiency vision) {
        return VisionStyles.apply(Templates.preview(nonce, panel(null, "t0", theme, report), Stage.ALL, wire(vision))
                .render(), vision);
    }

    /** Two themes side by side with their reports and the fields that differ; labels are shown escaped. */
    public String compare(String leftLabel, Theme left, ValidationReport leftReport, String rightLabel, Theme right,
            ValidationReport rightReport) {
        return compare(leftLabel, left, leftReport, rightLabel, right, rightReport, currentNonce(), null);
    }

    /** As above; {@code vision} (null: none) draws every colour of both sides as seen with that deficiency. */
    public String compare(String leftLabel, Theme left, ValidationReport leftReport, String rightLabel, Theme right,
            ValidationReport rightReport, String nonce, VisionDeficiency vision) {
        PreviewPanel leftPanel = panel(leftLabel == null ? "Left" : leftLabel, "t0", left, leftReport);
        PreviewPanel rightPanel = panel(rightLabel == null ? "Right" : rightLabel, "t1", right, rightReport);
        List<FieldChange> changes = ThemeDiff.diff(mapper.valueToTree(left), mapper.valueToTree(right)).stream()
                .map(FieldChange::of).toList();
        return VisionStyles.apply(
                Templates.compare(nonce, leftPanel, rightPanel, Stage.COMPARE, changes, wire(vision)).render(), vision);
    }

    private static String wire(VisionDeficiency vision) {
        return vision == null ? null : vision.wireName();
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
