package io.cxone.themes.metrics;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;

/**
 * Keeps the HTTP server's series bounded by what this service serves, never by what a caller sends: without a token,
 * any client chooses the request's method and path, and Quarkus's binder would label a series with each (2,000 made-up
 * methods turned {@code /q/metrics} from 220 KB into 18.9 MB; made-up paths that end in 405 or 413 are labelled raw
 * until {@code max-uri-tags} is reached, after which new series of real endpoints are dropped).
 * <ul>
 * <li>{@code method}: the methods of RFC 9110 and PATCH keep their name; any other is {@value #OTHER_METHOD}. A
 * {@link MeterFilter}, so that it holds for every {@code http.server.*} meter, also the ones written without a
 * contributor (a reset request).</li>
 * <li>{@code uri}: a request that matched neither a REST resource method nor a route with its own path (a method the
 * path does not serve: 405; a body refused before routing: 413) is {@value #UNMATCHED}, like Quarkus's own
 * {@code NOT_FOUND} for a 404. A contributor, because only the request knows whether it matched.</li>
 * </ul>
 * Our own meters take no value from a request at all (docs/security.md, "Metrics").
 */
@Singleton
public class HttpServerTags implements HttpServerMetricsTagsContributor {
    static final String OTHER_METHOD = "OTHER";
    static final String UNMATCHED = "UNMATCHED";
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
            "PATCH");
    /** Where Quarkus REST puts the matched resource method's path template (its own micrometer binder reads it). */
    private static final String REST_TEMPLATE = "UrlPathTemplate";
    /** Where Quarkus's binder puts the last Vert.x route that matched; Quarkus REST's own route is "/". */
    private static final String VERTX_ROUTE = "VertxRoute";

    @Override
    public Tags contribute(Context context) {
        // the later of two tags with one key wins: this replaces the binder's uri
        return matched(context.request()) ? Tags.empty() : Tags.of(Tag.of("uri", UNMATCHED));
    }

    static boolean matched(HttpServerRequest request) {
        if (!(request instanceof HttpServerRequestInternal internal)) {
            return false;
        }
        if (internal.context().getLocal(REST_TEMPLATE) != null) {
            return true; // a resource method: the uri is its template
        }
        int status = request.response().getStatusCode();
        if (status == 404 || status / 100 == 3) {
            return true; // Quarkus labels these NOT_FOUND and REDIRECTION unless a template matched
        }
        Object route = internal.context().getLocal(VERTX_ROUTE);
        if (route == null || "/".equals(route)) {
            // no route with a path of its own: a static file that exists (2xx), or nothing matched
            return status / 100 == 2;
        }
        // a simulator route: its template (":id" becomes "{id}"), or its literal path; not a wildcard's raw path
        return route.toString().contains(":") || route.equals(request.path());
    }

    /** Applied by Quarkus to every registry. */
    @Produces
    @Singleton
    MeterFilter foldUnknownMethods() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server")) {
                    return id;
                }
                String method = id.getTag("method");
                if (method != null && !METHODS.contains(method)) {
                    id = id.replaceTags(Tags.of(id.getTagsAsIterable()).and("method", OTHER_METHOD));
                }
                String uri = id.getTag("uri");
                if (uri != null && "RESET".equals(id.getTag("status")) && !uri.contains("{")) {
                    // a request reset before its answer never reaches the contributor: only a template is kept
                    id = id.replaceTags(Tags.of(id.getTagsAsIterable()).and("uri", UNMATCHED));
                }
                return id;
            }
        };
    }
}
