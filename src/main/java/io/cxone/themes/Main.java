package io.cxone.themes;

import io.cxone.themes.db.EmbeddedPostgresConfigSourceFactory;
import io.cxone.themes.db.MigrateOnly;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged service, in the root package where a reader looks for it: marks the JVM as a running
 * service (not a build) before Quarkus starts, or runs only the migration (APP_MIGRATE=only).
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (MigrateOnly.requested()) { // APP_MIGRATE=only: the release's migration Job, without starting the service
            System.exit(MigrateOnly.run());
        }
        // config sources also run during the build, and an embedded database started there would bake its URL into
        // the artifact: the factory starts one only in a JVM that this method launched (or in dev and test)
        System.setProperty(EmbeddedPostgresConfigSourceFactory.LAUNCHED, "true");
        Quarkus.run(args);
    }
}
