package io.cxone.themes.db;

import java.nio.file.Path;

/** Where the service keeps files of its own: the directory holding the embedded database's data, else ./data. */
public final class DataDirectory {
    private static final Path DEFAULT = Path.of("data");

    private DataDirectory() {
    }

    /** With the embedded database: its data directory's parent (./data for the default ./data/postgres). */
    public static Path root() {
        String embedded = System.getProperty(EmbeddedPostgres.DIR_PROPERTY);
        if (embedded != null) {
            Path parent = Path.of(embedded).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return DEFAULT.toAbsolutePath();
    }
}
