package io.cxone.themes.cxone;

import java.io.IOException;

import jakarta.ws.rs.ProcessingException;

import io.vertx.core.VertxException;

/** Recognises failures where CXone gave no HTTP answer at all (refused, reset, closed, timed out while reading). */
final class ConnectionFailures {
    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CxoneException) {
                return false;
            }
            if (t instanceof ProcessingException || t instanceof IOException || t instanceof VertxException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
