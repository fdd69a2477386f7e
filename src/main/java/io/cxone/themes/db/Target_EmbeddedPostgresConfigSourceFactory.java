package io.cxone.themes.db;

import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import io.smallrye.config.ConfigSourceContext;

/**
 * GraalVM substitution, read only by native-image (the JVM never loads it): in the native executable the
 * zero-configuration database factory supplies nothing, as in the container image, so startup fails naming the
 * datasource keys to set.
 * <p>
 * Why it is needed: the native build leaves the embedded PostgreSQL (zonky) out of the classpath (pom.xml, profile
 * {@code native}), and Quarkus builds with {@code --link-at-build-time}, so native-image would stop on the zonky types
 * that {@link EmbeddedPostgres} names on the path from this factory. Replacing this one method makes that whole path
 * unreachable: nothing else calls into {@code EmbeddedPostgres} or {@code EmbeddedPgAuth} (other classes only read
 * their compile-time constant property names).
 */
@TargetClass(EmbeddedPostgresConfigSourceFactory.class)
final class Target_EmbeddedPostgresConfigSourceFactory {

    @Substitute
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of();
    }
}
