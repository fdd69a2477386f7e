package io.cxone.themes.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.cxone.themes.problem.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * Marks endpoints whose {@code {id}} must name an existing resource before the response starts: an event stream has
 * sent its 200 by the time its first item could fail, so the 404 problem is decided in this filter instead, by the
 * {@link Lookup} bean named in {@link #value()}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface KnownId {

    /** The bean that answers whether the id exists. */
    Class<? extends Lookup> value();

    /** Fails with the resource's 404 {@link ApiException} when {@code id} names nothing. */
    interface Lookup {
        Uni<Void> requireExisting(UUID id);
    }

    /** The check behind the annotation. */
    class Filter {
        private final Instance<Lookup> lookups;

        Filter(Instance<Lookup> lookups) {
            this.lookups = lookups;
        }

        @ServerRequestFilter
        @KnownId(Lookup.class)
        Uni<Void> check(ContainerRequestContext request, ResourceInfo resource) {
            UUID id = Params.tryUuid(request.getUriInfo().getPathParameters().getFirst("id")).orElse(null);
            if (id == null) {
                return Uni.createFrom().voidItem(); // the resource answers the 400 naming the parameter
            }
            KnownId known = resource.getResourceMethod().getAnnotation(KnownId.class);
            if (known == null) {
                known = resource.getResourceClass().getAnnotation(KnownId.class);
            }
            return lookups.select(known.value()).get().requireExisting(id);
        }
    }
}
