package io.cxone.themes.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One creating request, with or without an {@code Idempotency-Key}: the one small API every creating endpoint uses.
 * The resource wraps the whole request in {@link #run}; the service opens its transaction with
 * {@link #withTransaction} instead of {@code pool.withTransaction}. With a key:
 * <ul>
 * <li>a committed record of the key answers at once: the stored answer when the request matches (same method, path and
 * body bytes), 422 {@code idempotency_key_reused} when it does not; nothing runs;
 * <li>otherwise the request runs; its transaction first takes the key's advisory lock (busy: 409
 * {@code idempotency_in_progress} with {@code Retry-After}, the IETF draft's answer while the first request is being
 * processed), looks again (a retry may have committed meanwhile), and stores the answer beside what it created, in the
 * same commit. An instance that dies after that commit leaves the answer for the retry; one that dies before it leaves
 * nothing, and the retry runs afresh.
 * </ul>
 * Only created answers are stored: a request that fails (400, 409, 503 …) created nothing, so its retry simply runs
 * again and gets the current answer.
 *
 * @param <T> what the service returns (the created resource's view)
 */
public final class Once<T> {
    static final int RETRY_AFTER_SECONDS = 1;

    private final Claim claim; // null: the request carries no key
    private final Function<T, Response> answer;
    private final IdempotencyStore store;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final Duration ttl;
    private volatile StoredAnswer recorded;

    Once(Claim claim, Function<T, Response> answer, IdempotencyStore store, Pool pool, ObjectMapper mapper,
            Duration ttl) {
        this.claim = claim;
        this.answer = answer;
        this.store = store;
        this.pool = pool;
        this.mapper = mapper;
        this.ttl = ttl;
    }

    /** For callers that create something outside a request (none do today): a transaction without a key. */
    public static <T> Once<T> none() {
        return new Once<>(null, null, null, null, null, null);
    }

    /**
     * Answers the request: {@code request} (which calls the service) unless the key already answered it.
     *
     * @throws IllegalStateException (a 500) when a keyed request created something without {@link #withTransaction}:
     *                               a wiring mistake that would break the promise, never silently ignored
     */
    public Uni<Response> run(Supplier<Uni<T>> request) {
        if (claim == null) {
            return request.get().map(answer);
        }
        return store.find(pool, claim).chain(found -> {
            if (found.isPresent()) {
                return Uni.createFrom().item(answerFor(found.get()));
            }
            return request.get().map(created -> {
                StoredAnswer stored = recorded;
                if (stored == null) {
                    throw new IllegalStateException("a keyed request created something outside Once.withTransaction");
                }
                return stored.toResponse(false);
            });
        }).onFailure(Replayed.class).recoverWithItem(e -> ((Replayed) e).response);
    }

    /** In place of {@code pool.withTransaction(work)}: with a key, the key's record commits with what {@code work} made. */
    public Uni<T> withTransaction(Pool pool, Function<SqlConnection, Uni<T>> work) {
        if (claim == null) {
            return pool.withTransaction(work);
        }
        return pool.withTransaction(tx -> store.tryLock(tx, claim).chain(locked -> {
            if (!locked) {
                throw inProgress();
            }
            return store.find(tx, claim);
        }).chain(found -> {
            if (found.isPresent()) {
                // committed between run's look and this transaction: answer it, create nothing (rolled back: empty)
                throw new Replayed(answerFor(found.get()));
            }
            return work.apply(tx).call(created -> {
                StoredAnswer stored = StoredAnswer.of(answer.apply(created), mapper);
                return store.insert(tx, claim, stored, ttl).invoke(() -> recorded = stored);
            });
        }));
    }

    private Response answerFor(IdempotencyStore.Found found) {
        if (!found.requestHash().equals(claim.requestHash())) {
            throw reused();
        }
        return found.answer().toResponse(true);
    }

    private ApiException reused() {
        String message = "was used with another request (its method, path or body differ) within the last "
                + Idempotency.describe(ttl)
                + "; send a new key for a new request, or the first request's exact body to get its answer again";
        return new ApiException(Problem.of(422, "Unprocessable Content", Idempotency.HEADER + " " + message)
                .withErrors(List.of(new FieldError(Idempotency.HEADER, ErrorCode.IDEMPOTENCY_KEY_REUSED, message))));
    }

    private static ApiException inProgress() {
        String message = "a request with this key is still being processed; retry in " + RETRY_AFTER_SECONDS
                + " s with the same key and body to get its answer";
        return new ApiException(Problem.of(409, "Conflict", Idempotency.HEADER + ": " + message)
                .withErrors(List.of(new FieldError(Idempotency.HEADER, ErrorCode.IDEMPOTENCY_IN_PROGRESS, message))),
                Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS)));
    }

    /** Carries a replayed answer out of the service's transaction (which rolls back: it wrote nothing) to {@link #run}. */
    private static final class Replayed extends RuntimeException {
        private final transient Response response;

        Replayed(Response response) {
            super("replayed", null, false, false);
            this.response = response;
        }
    }
}
