package io.cxone.themes.db;

import java.net.SocketException;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Recognises failures where the database is out of reach (refused, reset, closed, shutting down, out of connections), as
 * opposed to a bug in a statement: those are answered 503 with Retry-After, as the next attempt may well succeed.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // SocketException covers refused (ConnectException) and reset connections: a restarting PostgreSQL resets
            // the connections it had, and the client hands on netty's plain "Connection reset" (bench/chaos.sh saw it
            // answered 500). CXone and channel calls never get here raw: their clients wrap connection failures.
            if (t instanceof SocketException || t instanceof ClosedConnectionException) {
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
