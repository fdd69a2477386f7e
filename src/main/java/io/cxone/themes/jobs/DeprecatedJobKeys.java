package io.cxone.themes.jobs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;

/**
 * The job settings' names before they were gathered under {@code app.jobs.<kind>.*}, still read for one release: a
 * deployment that sets {@code APP_PUBLISH_LEASE} keeps working, and the start logs which key to rename. When both are
 * set, the one from the stronger source wins (an environment variable beats application.properties, which holds every
 * new key's default); on a tie, the new name. Registered through {@code META-INF/services}, so it applies to every
 * lookup, the mappings' included.
 */
public final class DeprecatedJobKeys implements ConfigSourceInterceptorFactory {
    /** new name -> old name */
    static final Map<String, String> OLD = Map.ofEntries(
            Map.entry("app.jobs.publications.lease", "app.publish.lease"),
            Map.entry("app.jobs.publications.scan", "app.publish.scan-interval"),
            Map.entry("app.jobs.publications.batch", "app.publish.claim-batch"),
            Map.entry("app.jobs.publications.retry-base", "app.publish.retry-delay"),
            Map.entry("app.jobs.sync.lease", "app.sync.lease"),
            Map.entry("app.jobs.sync.scan", "app.sync.poll-interval"),
            Map.entry("app.jobs.channels.lease", "app.channels.lease"),
            Map.entry("app.jobs.channels.scan", "app.channels.scan-interval"),
            Map.entry("app.jobs.channels.batch", "app.channels.claim-batch"),
            Map.entry("app.jobs.channels.max-held", "app.channels.max-held"));
    private static final Set<String> OLD_NAMES = Set.copyOf(OLD.values());
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        return new ConfigSourceInterceptor() {
            @Override
            public ConfigValue getValue(ConfigSourceInterceptorContext c, String name) {
                return value(c, name);
            }

            /**
             * Without the old names: {@code app.sync.lease} lies under the mapping of {@code app.sync}, which no longer
             * has it, and a name a mapping does not know stops the start ("does not map to any root").
             */
            @Override
            public Iterator<String> iterateNames(ConfigSourceInterceptorContext c) {
                List<String> names = new ArrayList<>();
                c.iterateNames().forEachRemaining(n -> {
                    if (!OLD_NAMES.contains(n)) {
                        names.add(n);
                    }
                });
                return names.iterator();
            }
        };
    }

    private static ConfigValue value(ConfigSourceInterceptorContext context, String name) {
        ConfigValue current = context.proceed(name);
        String old = OLD.get(name);
        if (old == null) {
            return current;
        }
        ConfigValue legacy = context.proceed(old);
        if (legacy == null || legacy.getValue() == null
                || current != null && current.getConfigSourceOrdinal() >= legacy.getConfigSourceOrdinal()) {
            return current;
        }
        USED.add(old + " -> " + name);
        return legacy.withName(name);
    }

    /** Logs each old key in use, once per start. */
    static void warnIfUsed() {
        USED.forEach(pair -> Logger.getLogger(JobEngine.class).warnf("Deprecated job setting %s: rename it (the old "
                + "name is read for one more release; the environment variable follows the new name)", pair));
    }
}
