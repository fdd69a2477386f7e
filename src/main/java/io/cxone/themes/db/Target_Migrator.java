package io.cxone.themes.db;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * GraalVM substitution, read only by native-image (the JVM never loads it): the native executable never migrates.
 * Without Quarkus's Flyway extension nothing lists the migrations for native-image or registers Flyway's reflection,
 * so a migration could not work there; replacing this one method makes Flyway and the JDBC driver unreachable (left
 * out of the executable), and a native process started with APP_MIGRATE=start or only stops with what to do instead.
 * The release's migration runs from the JVM image (the Kubernetes overlays' Job); the native image sets
 * APP_MIGRATE=check (src/main/docker/Dockerfile.native).
 */
@TargetClass(Migrator.class)
final class Target_Migrator {

    @Substitute
    public static Migrator.Outcome migrate(JdbcTarget target) {
        throw new IllegalStateException("the native executable never migrates: set APP_MIGRATE=check and run the "
                + "release's migration with the JVM image (APP_MIGRATE=only)");
    }
}
