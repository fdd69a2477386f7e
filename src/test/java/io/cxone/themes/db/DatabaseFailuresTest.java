package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * What counts as "the database is out of reach" (answered 503, retried) and what stays a bug (500). The lost-connection
 * shapes here are the ones bench/chaos.sh saw answered 500 while PostgreSQL restarted ({@code pg_ctl restart -m fast}).
 */
class DatabaseFailuresTest {

    @Test
    void aConnectionResetByARestartingServerIsUnavailable() {
        // netty's exception as the draft endpoint got it, unwrapped and wrapped once more
        assertTrue(DatabaseFailures.isUnavailable(new SocketException("Connection reset")));
        assertTrue(DatabaseFailures.isUnavailable(new CompletionException(new SocketException("Connection reset"))));
        // netty's AnnotatedSocketException (private) is a SocketException with the address in its message
        assertTrue(DatabaseFailures.isUnavailable(new SocketException("Connection reset by peer: /127.0.0.1:5432")));
        // the pg client's encoder flushing into a socket the server reset
        IOException flush = new IOException("Connection reset by peer");
        flush.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.pgclient.impl.codec.PgEncoder", "flush", "PgEncoder.java", 154) });
        assertTrue(DatabaseFailures.isUnavailable(flush));
        // netty's native transport: no stack trace, the text says it
        assertTrue(DatabaseFailures.isUnavailable(new IOException("recvAddress(..) failed: Connection reset by peer")));
    }

    @Test
    void theSqlClientsOwnLostConnectionMessagesAreUnavailable() {
        assertTrue(DatabaseFailures.isUnavailable(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
        assertTrue(DatabaseFailures.isUnavailable(new VertxException(
                "Pending requests failed to be sent due to connection has been closed.", new IOException("x"))));
        assertTrue(DatabaseFailures.isUnavailable(new VertxException("Timeout waiting for connection", true)));
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
        assertFalse(DatabaseFailures.isUnavailable(new NoStackTraceThrowable("something else")));
        // an IOException that is not the database's: JSON we failed to read or write, a file
        assertFalse(DatabaseFailures.isUnavailable(new JsonParseException(null, "Unexpected character")));
        assertFalse(DatabaseFailures.isUnavailable(new IOException("No space left on device")));
    }
}
