package io.cxone.themes.cxone;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.cxone.WireDtos.AssignmentPage;
import io.cxone.themes.cxone.WireDtos.AssignmentsRequest;
import io.cxone.themes.cxone.WireDtos.BatchSyncRequest;
import io.cxone.themes.cxone.WireDtos.BatchSyncResponse;
import io.cxone.themes.cxone.WireDtos.CreatedTheme;
import io.cxone.themes.cxone.WireDtos.CxoneTheme;
import io.cxone.themes.cxone.WireDtos.ThemeStatus;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The CXone web messaging API (SPEC section 2), declaratively. Each method takes its path already expanded from the
 * configured template (hence {@code @Encoded}: {@link PathTemplate} has encoded the ids). Tokens come from
 * {@link CxoneBearerFilter}, a 401 replaces them ({@link CxoneUnauthorizedFilter}); resilience lives in
 * {@link CxoneClient}, the only caller.
 */
@RegisterRestClient(configKey = "cxone-api")
@RegisterProvider(CxoneBearerFilter.class)
@RegisterProvider(CxoneUnauthorizedFilter.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CxoneApi {

    @POST
    @Path("{path}")
    Uni<CreatedTheme> createTheme(@Encoded @PathParam("path") String path, CxoneTheme theme);

    @GET
    @Path("{path}")
    Uni<ThemeStatus> themeStatus(@Encoded @PathParam("path") String path);

    @GET
    @Path("{path}")
    Uni<AssignmentPage> assignments(@Encoded @PathParam("path") String path, @QueryParam("page") int page,
            @QueryParam("page_size") int pageSize);

    @PUT
    @Path("{path}")
    Uni<JsonNode> putAssignments(@Encoded @PathParam("path") String path, AssignmentsRequest request);

    @POST
    @Path("{path}")
    Uni<BatchSyncResponse> batchSync(@Encoded @PathParam("path") String path, BatchSyncRequest request);

    @GET
    @Path("{path}")
    Uni<JsonNode> performance(@Encoded @PathParam("path") String path, @QueryParam("widget_id") String widgetId,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("metrics") String metrics);

    @GET
    @Path("{path}")
    Uni<WireDtos.ThemePerformance> themePerformance(@Encoded @PathParam("path") String path,
            @QueryParam("widget_id") String widgetId, @QueryParam("theme_id") String themeId,
            @QueryParam("start_time") String startTime);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ResponseErrors.toException(response);
    }
}
