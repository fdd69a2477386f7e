package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Waits;
import io.cxone.themes.support.Sim;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link CxoneTokens} against the simulator's token endpoint: shared requests and compare-and-set replacement.
 * Assertions compare tokens without printing them.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class CxoneTokensTest {
    private static final Duration WAIT = Waits.PATIENCE;

    @Inject
    CxoneTokens tokens;

    @Test
    void callersAskingWhileATokenIsRequestedShareThatOneRequest() throws Exception {
        tokens.invalidate(accessToken());
        Sim.faults(Map.of("latencyMs", 300)); // holds the request open while all callers ask
        long before = Sim.tokensIssued();
        Set<String> answers = askedAtOnce(20);
        assertEquals(1, answers.size(), "one token for all callers");
        assertEquals(1, Sim.tokensIssued() - before, "token requests");
    }

    @Test
    void onlyTheCurrentTokenIsReplacedAndOnlyOnce() {
        String old = accessToken();
        tokens.invalidate(old);
        String fresh = accessToken();
        assertFalse(fresh.equals(old), "a new token after a 401 for the current one");
        long before = Sim.tokensIssued();
        tokens.invalidate(old); // a 401 still on its way for the token that has been replaced
        tokens.invalidate("never-issued");
        assertTrue(fresh.equals(accessToken()), "late 401s for other tokens keep the current one");
        assertEquals(0, Sim.tokensIssued() - before, "token requests after late 401s");
        tokens.invalidate(fresh);
        tokens.invalidate(fresh); // the second 401 for it finds it replaced already
        assertFalse(fresh.equals(accessToken()), "a new token after 401s for the current one");
        assertEquals(1, Sim.tokensIssued() - before, "token requests after two 401s for the current token");
    }

    @Test
    void aTokenWithinTheRefreshSkewIsReplacedByOneRequestWithoutWaitingForA401() throws Exception {
        // refresh-token-time-skew is 60 s: a token that lives 59 s is due for refresh as soon as it is issued (no
        // waiting for the skew to be reached), and stays valid for the rest of the test
        Sim.faults(Map.of("tokenTtlSeconds", 59));
        tokens.invalidate(accessToken());
        Tokens shortLived = tokens.tokens().await().atMost(WAIT);
        assertTrue(shortLived.isAccessTokenWithinRefreshInterval(), "the token entered the refresh interval");
        assertFalse(shortLived.isAccessTokenExpired(), "and is still valid");
        Sim.faults(Map.of("latencyMs", 300)); // new tokens live an hour again; the request is held open
        long before = Sim.tokensIssued();
        Set<String> answers = askedAtOnce(20);
        assertEquals(1, answers.size(), "one token for all callers");
        assertFalse(answers.contains(shortLived.getAccessToken()), "the token due for refresh was replaced");
        assertEquals(1, Sim.tokensIssued() - before, "token requests");
    }

    private String accessToken() {
        return tokens.tokens().await().atMost(WAIT).getAccessToken();
    }

    /** The access tokens that many threads, released together, were given. */
    private Set<String> askedAtOnce(int callers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> asked = IntStream.range(0, callers).mapToObj(i -> pool.submit(() -> {
                start.await();
                return accessToken();
            })).toList();
            start.countDown();
            Set<String> answers = new HashSet<>();
            for (Future<String> answer : asked) {
                answers.add(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow(); // Java 17: ExecutorService is not AutoCloseable yet
        }
    }
}
