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
    @Operation(summary = "p50/p95/mean of first_paint, theme_load_time and render_duration (ms), overall and per "
            + "live theme version; from/to are UTC dates (default: the last 30 days)")
    public Uni<PerformanceReport> report(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
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
