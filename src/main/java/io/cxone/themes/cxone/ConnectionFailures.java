package io.cxone.themes.cxone;

import java.io.IOException;

import jakarta.ws.rs.ProcessingException;

import io.cxone.themes.problem.Text;
import io.vertx.core.VertxException;

/** Recognises failures where CXone gave no HTTP answer at all (refused, reset, closed, timed out while reading). */
public final class ConnectionFailures {
    private static final int MAX_MESSAGE = 200;

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

    /**
     * The innermost message: says "Connection refused" rather than a wrapper's class name. Clipped and without control
     * characters ({@link Text}): it ends up in failure reasons and problem details.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + Text.clip(message, MAX_MESSAGE));
    }
}
