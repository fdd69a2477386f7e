package io.cxone.themes.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of the application while open (tests run in the application's JVM, whose log manager is JBoss
 * LogManager: a handler on the root logger sees what the console and file handlers see, whatever their levels). Used
 * as {@code try (LogCapture log = LogCapture.start()) { ... }}; the console's level is left alone (docs/testing.md).
 */
public final class LogCapture implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture.handler);
        return capture;
    }

    /** The records at {@code level} or above, each as "LEVEL logger: message (exception)". */
    public List<String> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
                .toList();
    }

    /** Every record as the log shows it (parameters filled in), with its exception's message: to search for secrets. */
    public List<String> formatted() {
        return records.stream().map(r -> (r instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                : r.getMessage()) + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    /** The records of {@code logger} (exact name) at any level. */
    public List<LogRecord> of(String logger) {
        return records.stream().filter(r -> logger.equals(r.getLoggerName())).toList();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
