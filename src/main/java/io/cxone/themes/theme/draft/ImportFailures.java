package io.cxone.themes.theme.draft;

import java.util.Map;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.livechannel.ChannelRequest;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.Problem;

/**
 * What a caller of {@code POST /api/v1/themes/import} learns when the channel host failed: one generic detail for
 * every upstream failure (502, 503 with Retry-After when throttled, 504 when silent), never the exception text, an
 * address or what the host answered; those go to the log with the request id. Otherwise the import would be a probe
 * that tells an open port from a closed one and echoes what an internal server says.
 */
public final class ImportFailures {
    /** The one detail every upstream failure of an import gets. */
    public static final String DETAIL = "The live channel's appearance could not be read from CXone. Retry later; if it "
            + "keeps failing, check brandId, channelId, env and domain, or give your operator the request id %s (the "
            + "service log has the details).";
    private static final Logger LOG = Logger.getLogger(ImportFailures.class);

    private ImportFailures() {
    }

    /** The caller's view of {@code failure}: our own problems (400, 404) as they are, upstream ones generic. */
    public static Throwable forCaller(Throwable failure, ChannelRequest request, String requestId) {
        int status;
        Map<String, String> headers = Map.of();
        if (failure instanceof CxoneException.Throttled throttled) {
            status = 503;
            headers = throttled.retryAfter().map(wait -> Map.of("Retry-After",
                    String.valueOf(Math.max(1, wait.toSeconds())))).orElse(Map.of());
        } else if (failure instanceof CxoneException) {
            status = 502;
        } else if (failure instanceof TimeoutException) {
            status = 504;
        } else {
            return failure;
        }
        LOG.warnf("import of channel %s/%s (env %s, domain %s) failed, request %s: %s", request.brandId(),
                request.channelId(), request.env(), request.domain(), requestId, failure.getMessage());
        return new ApiException(Problem.of(status, "Channel Import Failed", String.format(DETAIL, requestId)), headers);
    }
}
