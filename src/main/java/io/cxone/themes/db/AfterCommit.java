package io.cxone.themes.db;

import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What a transaction announces (an SSE event, a metric) once it committed, never if it rolled back: a job's give-up
 * runs inside the engine's transaction, whose end the kind does not see.
 */
public final class AfterCommit {
    private AfterCommit() {
    }

    /** Runs {@code action} once {@code tx} commits (never if it rolls back); at once outside a transaction. */
    public static void run(SqlClient tx, Runnable action) {
        if (tx instanceof SqlConnection connection && connection.transaction() != null) {
            connection.transaction().completion().subscribe().with(committed -> action.run(), rolledBack -> {
                // nothing happened: nothing to announce
            });
        } else {
            action.run();
        }
    }
}
