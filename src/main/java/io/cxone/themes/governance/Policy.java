package io.cxone.themes.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/** A widget's change-control policy as the API shows it; {@code stored} false: the default, nothing was PUT yet. */
@Schema(name = "WidgetPolicy", description = "How publications to a widget are governed: approvals by other people, "
        + "publication windows, how long a request waits for its approvals")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(
        @Schema(description = "The widget") String widgetId,
        @Schema(required = true, minimum = "0", maximum = "2", description = "Distinct approvers (role "
                + "theme-approver, not the requester) a publication or rollback needs before it may run",
                examples = "1") int approvals,
        @Schema(required = true, description = "When publications may start; empty: any time") List<Window> windows,
        @Schema(required = true, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                description = "ISO-8601 duration a publication waits for its approvals before it is EXPIRED",
                examples = "PT72H") @JsonSerialize(using = ToStringSerializer.class) Duration approvalTtl,
        @Schema(description = "false: no policy was stored for this widget, this is the default "
                + "(APP_POLICY_DEFAULT_APPROVALS)") boolean stored,
        @Schema(description = "Who stored it") String updatedBy,
        @Schema(description = "When it was stored") Instant updatedAt) {

    /** The earliest instant at or after {@code at} inside one of the windows. */
    public Instant nextStart(Instant at) {
        return Windows.next(windows, at);
    }
}
