package io.cxone.themes;

import io.cxone.themes.db.EmbeddedPostgresConfigSourceFactory;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged service, in the root package where a reader looks for it: marks the JVM as a running
 * service (not a build) before Quarkus starts.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        // config sources also run during the build, and an embedded database started there would bake its URL into
        // the artifact: the factory starts one only in a JVM that this method launched (or in dev and test)
        System.setProperty(EmbeddedPostgresConfigSourceFactory.LAUNCHED, "true");
        Quarkus.run(args);
    }
}
