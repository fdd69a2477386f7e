package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * What counts as "the database is out of reach" (answered 503, retried) and what stays a bug (500). The failures here
 * are the ones bench/chaos.sh saw while PostgreSQL restarted ({@code pg_ctl restart -m fast}).
 */
class DatabaseFailuresTest {

    @Test
    void aConnectionResetByARestartingServerIsUnavailable() {
        // as the draft endpoint got it during a restart: netty's exception, unwrapped, and wrapped once more
        assertTrue(DatabaseFailures.isUnavailable(new SocketException("Connection reset")));
        assertTrue(DatabaseFailures.isUnavailable(new CompletionException(new SocketException("Connection reset"))));
        // netty's AnnotatedSocketException (private) is a SocketException with the address in its message
        assertTrue(DatabaseFailures.isUnavailable(new SocketException("Connection reset by peer: /127.0.0.1:5432")));
    }

    @Test
    void refusedClosedAndShuttingDownAreUnavailable() {
        assertTrue(DatabaseFailures.isUnavailable(new ConnectException("Connection refused")));
        assertTrue(DatabaseFailures.isUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseFailures.isUnavailable(
                new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertTrue(DatabaseFailures.isUnavailable(
                new PgException("the database system is starting up", "FATAL", "57P03", null)));
    }

    @Test
    void aStatementErrorOrABugIsNot() {
        assertFalse(DatabaseFailures.isUnavailable(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("bug")));
        assertFalse(DatabaseFailures.isUnavailable(new RuntimeException(new IllegalArgumentException("bad"))));
    }
}
