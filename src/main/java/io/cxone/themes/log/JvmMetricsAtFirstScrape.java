package io.cxone.themes.log;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;

/**
 * The {@code jvm_*}, {@code process_*} and {@code system_*} series (docs/observability.md), bound when /q/metrics is
 * first scraped instead of at start. Quarkus's JVM and system binders (quarkus.micrometer.binder.jvm and .system, off
 * in application.properties) bind them while the registry is made, on the way to readiness: ~190 classes of the JDK's
 * management beans and Micrometer's binders that no readiness answer needs. This binds the same binders, with the same
 * default settings, to the same registry, before the first scrape is answered; so every scrape has them, as before.
 * What differs: the GC counters (jvm_gc_pause, memory allocated and promoted) count from the first scrape, not from the
 * start.
 */
@Singleton
class JvmMetricsAtFirstScrape {
    private static final Logger LOG = Logger.getLogger(JvmMetricsAtFirstScrape.class);

    private final MeterRegistry registry;
    private final AtomicBoolean bound = new AtomicBoolean();
    private volatile List<MeterBinder> binders = List.of();

    JvmMetricsAtFirstScrape(MeterRegistry registry) {
        this.registry = registry;
    }

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String root,
            @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "metrics") String path) {
        // after RequestIds and SecurityHeaders (MIN_VALUE, MIN_VALUE + 1), before every other handler of the path
        router.route(metricsPath(root, path)).order(Integer.MIN_VALUE + 2).handler(ctx -> {
            bindOnce();
            ctx.next();
        });
    }

    /** Where Quarkus serves the Prometheus scrape: a relative path is under the non-application root. */
    static String metricsPath(String root, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String base = root.startsWith("/") ? root : "/" + root;
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    void bindOnce() {
        if (!bound.compareAndSet(false, true)) {
            return;
        }
        // the binders of Quarkus's MicrometerRecorder for binder.jvm and binder.system, in its order
        List<MeterBinder> all = List.of(new ClassLoaderMetrics(), new JvmHeapPressureMetrics(), new JvmMemoryMetrics(),
                new JvmThreadMetrics(), new JVMInfoBinder(), new JvmGcMetrics(), new UptimeMetrics(),
                new ProcessorMetrics(), new FileDescriptorMetrics());
        all.forEach(binder -> binder.bindTo(registry));
        binders = all;
    }

    void close(@Observes ShutdownEvent event) {
        for (MeterBinder binder : binders) {
            if (binder instanceof AutoCloseable closeable) { // the GC and heap-pressure binders hold JMX listeners
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debugf("closing %s: %s", binder.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }
}
