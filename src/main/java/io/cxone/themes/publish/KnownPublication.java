package io.cxone.themes.publish;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Marks endpoints whose {@code {id}} must name an existing publication before the response starts: an event stream
 * has sent its 200 by the time its first item could fail, so the 404 is decided in this filter instead.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@interface KnownPublication {

    /** The check behind the annotation. */
    class Filter {
        private final Pool pool;
        private final PublicationRepository repository;

        Filter(Pool pool, PublicationRepository repository) {
            this.pool = pool;
            this.repository = repository;
        }

        @ServerRequestFilter
        @KnownPublication
        Uni<Void> check(ContainerRequestContext request) {
            UUID id;
            try {
                id = UUID.fromString(request.getUriInfo().getPathParameters().getFirst("id"));
            } catch (RuntimeException e) {
                return Uni.createFrom().voidItem(); // the resource answers the 400 naming the parameter
            }
            return repository.find(pool, id).map(found -> found.orElseThrow(() -> PublicationService.notFound(id)))
                    .replaceWithVoid();
        }
    }
}
