package io.cxone.themes.db;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the packaged service: marks the JVM as a running service (not a build) before Quarkus starts. */
@QuarkusMain
public class Main {
    /**
     * Read by {@link EmbeddedPostgresConfigSourceFactory}: config sources also run during the build, and an embedded
     * database started there would bake its URL into the artifact.
     */
    static final String LAUNCHED = "cxone-theme-service.launched";

    public static void main(String... args) {
        System.setProperty(LAUNCHED, "true");
        Quarkus.run(args);
    }
}
