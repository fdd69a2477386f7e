package io.cxone.themes.nativeimage;

import io.cxone.themes.assignment.Variant;
import io.cxone.themes.audit.AuditEvent;
import io.cxone.themes.channels.ChannelEvent;
import io.cxone.themes.channels.ChannelService;
import io.cxone.themes.channels.ReportRow;
import io.cxone.themes.channels.Snapshot;
import io.cxone.themes.channels.Watch;
import io.cxone.themes.channels.WatchRequest;
import io.cxone.themes.livechannel.ChannelMapping;
import io.cxone.themes.livechannel.ChannelRequest;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.publish.Publication;
import io.cxone.themes.sync.SyncItem;
import io.cxone.themes.sync.SyncJobView;
import io.cxone.themes.theme.Button;
import io.cxone.themes.theme.ButtonPosition;
import io.cxone.themes.theme.Font;
import io.cxone.themes.theme.Header;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ValidationReport;
import io.cxone.themes.theme.draft.DraftView;
import io.cxone.themes.web.Page;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes by reflection in the native executable that Quarkus cannot find on its own. Quarkus
 * registers what resource and REST-client method signatures name (e.g. {@code Uni<DraftPage>}); it cannot see an entity
 * hidden in a {@code Response}, a value given to our own {@code ObjectMapper} or to Vert.x's {@code Json}, or the run-time
 * type of an {@code Object} field. Without these, a native build compiles but the calls fail at run time (empty objects
 * or "no serializer found"). {@code registerFullHierarchy} also registers the types of their fields and accessors
 * (e.g. {@code FieldError}, the report's checks), so nested records need no entry of their own.
 * <p>
 * When you add such a use (a new {@code Response} entity, {@code valueToTree}, {@code treeToValue}, {@code Json.encode}),
 * add its type here; {@code .ci/native-sources.sh} checks that every type below reaches the generated reflection config.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {
        // the body of every error: exception mappers build Response.status(..).entity(problem), and web.BodySizeLimit
        // writes it with Vert.x's Json.encode before any resource runs
        Problem.class,
        // Problem.report is declared Object: the validation report's type is only known at run time
        ValidationReport.class,
        // draft.DraftService and preview.PreviewService turn a theme into a JSON tree with ObjectMapper.valueToTree
        Theme.class, Font.class, Button.class, Header.class, ButtonPosition.class,
        // draft.ImportResource binds the import request with ObjectMapper.treeToValue (the body is read as a String)
        ChannelRequest.class,
        // draft.ImportResource stores the import notes with valueToTree
        ChannelMapping.Note.class,
        // assignment.StoredAssignments records the before/after variants in the audit details with valueToTree
        Variant.class,
        // entities inside Uni<Response> (drafts: 200/201 with ETag; publications and sync jobs: 202 with Location);
        // today other signatures happen to name them too, which a refactoring could silently change
        DraftView.class, Publication.class, Publication.Request.class, Publication.Progress.class, SyncJobView.class,
        // every list answers the generic web.Page: its items' type is erased from the signature Quarkus reads
        Page.class, AuditEvent.class, SyncItem.class,
        // channels: watches and snapshots inside Page and Response, the report page inside a Response, its rows, the SSE
        // events (written through an SseEventSink, typed only at run time), and the drift fields given to valueToTree
        Watch.class, Snapshot.class, ChannelService.Report.class, ReportRow.class, ChannelEvent.class,
        WatchRequest.class,
})
final class JacksonReflection {
    private JacksonReflection() {
    }
}
