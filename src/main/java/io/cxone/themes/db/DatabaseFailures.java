package io.cxone.themes.db;

import java.net.ConnectException;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Recognises failures where the database is out of reach (refused, closed, shutting down, out of connections), as
 * opposed to a bug in a statement: those are answered 503 with Retry-After, as the next attempt may well succeed.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof DatabaseException e && unavailableState(e.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    // 08: connection exception; 53: insufficient resources (too many connections); 57P01-57P03: shutting down or
    // starting up; 40001/40P01 are retryable too but belong to the code that runs the transaction
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }
}
