package io.quarkus.smallrye.openapi.runtime;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.arc.Unremovable;
import io.quarkus.smallrye.openapi.OpenApiFilter.RunStage;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;

/**
 * Prepares the OpenAPI document on the first request for it instead of at every start: Quarkus 3.34.1 reads the
 * document it built at build time (META-INF/quarkus-generated-openapi-doc.JSON), parses it into a model, runs the
 * run-time filters and writes it out as JSON and YAML in a RUNTIME_INIT step, on the way to readiness (~530 classes of
 * SmallRye OpenAPI, the MicroProfile model, SnakeYAML and Jandex; up to 1.9 s on a loaded 2-core machine). Later
 * Quarkus releases do the same as this class (quarkus#55538: lazily unless a RUNTIME_STARTUP filter exists); delete
 * this class when upgrading to one of them.
 * <p>
 * The document is the same: the annotations are still scanned at build time, and the first GET /q/openapi runs the
 * very same preparation (the extension's own code, with the arguments the extension recorded) on the worker thread of
 * that request (the route is blocking). A document with RUNTIME_STARTUP filters is still prepared at start, as they
 * ask.
 * <p>
 * How: the extension's recorder calls the package-private {@code OpenApiDocumentService.prepareDocument} on the bean
 * it selects from the container; {@link Producer} makes this subclass that bean (an enabled alternative, unremovable
 * since only the extension looks it up), and the override here defers the call. Package-private methods are only
 * overridden within one class loader, which holds for the packaged service (fast-jar: one class loader for the
 * application and its libraries) and a native build, not for Quarkus's test and dev modes, which load the application
 * apart from its libraries: there the extension's own method runs at start, as before, so tests and dev mode see the
 * same document (LazyOpenApiDocumentServiceTest), only not its deferral (bench/startup-classes.sh measures that on the
 * packaged jar). The bean is a {@code @Singleton} made by a producer, not a class bean, for the same reason: a client
 * proxy or ArC's injection of the inherited {@code config} field would be generated classes touching a
 * package-private member across those class loaders.
 */
public class LazyOpenApiDocumentService extends OpenApiDocumentService {

    private record Pending(AutoSecurityFilter autoSecurityFilter, Map<RunStage, List<String>> filters) {
    }

    /** documents recorded at start and not prepared yet, by name; guarded by this */
    private final Map<String, Pending> pending = new HashMap<>();

    LazyOpenApiDocumentService(Config config) {
        try {
            this.config = config; // what ArC injects into the extension's own bean
        } catch (IllegalAccessError splitClassLoaders) { // test and dev mode (see above)
            try {
                Field field = OpenApiDocumentService.class.getDeclaredField("config");
                field.setAccessible(true);
                field.set(this, config);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("OpenApiDocumentService has no config field: see LazyOpenApiDocumentService", e);
            }
        }
    }

    @Override
    void prepareDocument(AutoSecurityFilter autoSecurityFilter, Map<RunStage, List<String>> filters, String documentName) {
        List<String> atStartup = filters.get(RunStage.RUNTIME_STARTUP);
        if (atStartup != null && !atStartup.isEmpty()) {
            super.prepareDocument(autoSecurityFilter, filters, documentName);
            return;
        }
        synchronized (this) {
            pending.put(documentName, new Pending(autoSecurityFilter, filters));
        }
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        synchronized (this) {
            Pending p = pending.remove(documentName);
            if (p != null) {
                super.prepareDocument(p.autoSecurityFilter(), p.filters(), documentName);
            }
            return super.getDocument(documentName, format);
        }
    }

    /** Makes {@link LazyOpenApiDocumentService} the OpenApiDocumentService the extension selects. */
    @Singleton
    static class Producer {
        @Produces
        @Alternative
        @Priority(1)
        @Singleton
        @Unremovable
        static OpenApiDocumentService openApiDocumentService(Config config) {
            return new LazyOpenApiDocumentService(config);
        }
    }
}
