package io.cxone.themes.db;

import java.io.IOException;
import java.net.SocketException;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Recognises failures where the database is out of reach (refused, reset, closed, shutting down, out of connections), as
 * opposed to a bug in a statement: those are answered 503 with Retry-After, as the next attempt may well succeed.
 *
 * <p>A restarting PostgreSQL ({@code pg_ctl restart -m fast}) drops the connections it had, and the Vert.x SQL client
 * reports that in several shapes, each of which bench/chaos.sh saw answered 500 before this class knew it: netty's
 * plain {@code SocketException: Connection reset}, an {@code IOException: Connection reset by peer} from the client's
 * encoder, and the client's own messages for a connection it already saw closed. CXone and channel calls never reach
 * this class raw: their clients turn connection failures into their own exceptions.
 */
public final class DatabaseFailures {
    // the Vert.x SQL client's texts (SocketConnectionBase, SqlConnectionPool 4.5): a command on a connection that is
    // already closed, commands queued when it closed, and no pooled connection within the acquisition timeout
    private static final String[] LOST_CONNECTION = { "Connection is not active now",
            "Pending requests failed to be sent due to connection has been closed", "Timeout waiting for connection" };

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // SocketException: refused (ConnectException) and reset connections
            if (t instanceof SocketException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof IOException && (fromSqlClient(t) || String.valueOf(t.getMessage()).contains("Connection reset"))) {
                return true;
            }
            if ((t instanceof NoStackTraceThrowable || t instanceof VertxException) && lostConnection(t.getMessage())) {
                return true;
            }
            if (t instanceof DatabaseException e && unavailableState(e.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromSqlClient(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("io.vertx.pgclient.") || frame.getClassName().startsWith("io.vertx.sqlclient.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean lostConnection(String message) {
        if (message == null) {
            return false;
        }
        for (String text : LOST_CONNECTION) {
            if (message.startsWith(text)) {
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
