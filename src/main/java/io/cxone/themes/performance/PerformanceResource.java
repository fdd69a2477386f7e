package io.cxone.themes.performance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxone.themes.cxone.WidgetIds;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/v1/widgets/{widgetId}/performance?from&to}: how fast the widget drew, per theme version. */
@Path("/api/v1/widgets/{widgetId}/performance")
@Tag(name = "performance")
@Produces(MediaType.APPLICATION_JSON)
public class PerformanceResource {
    static final int MAX_DAYS = 366;
    private final PerformanceService service;

    public PerformanceResource(PerformanceService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(operationId = "getWidgetPerformance",
            summary = "p50/p95/mean of first_paint, theme_load_time and render_duration (ms), overall and per "
            + "live theme version; from/to are UTC dates (default: the last 30 days)",
            description = "How fast the widget drew from CXone's daily figures: p50, p95 and mean (nearest rank, ms) "
                    + "of first_paint, theme_load_time and render_duration, overall and per live CXone theme, linked to "
                    + "our publication, theme and version. Roles theme-viewer, theme-editor or theme-publisher. A "
                    + "malformed widget id or date, or a range over 366 days or with `to` before `from`, is a 400 naming it.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PerformanceReport.class)))
    @APIResponse(responseCode = "400", description = "`widgetId` outside its pattern, or `from`/`to` not a date like 2026-01-31 (`format`), or the range reversed or over 366 days (`range`)")
    public Uni<PerformanceReport> report(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            @Parameter(description = "First UTC day (default: 29 days before `to`)", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (default: today)", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        LocalDate end = date("to", to, LocalDate.now(ZoneOffset.UTC));
        LocalDate start = date("from", from, end.minusDays(29));
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.badRequest("to", ErrorCode.RANGE, "must be on or after 'from' and at most " + MAX_DAYS
                    + " days after it");
        }
        return service.report(widgetId, start.toString(), end.toString());
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, ErrorCode.FORMAT, "must be a date like 2026-01-31");
        }
    }
}
