package io.cxone.themes.streams;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.log.RateLimitedLog;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.Problem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;

/**
 * The one way an endpoint serves server-sent events:
 * {@code @NonBlocking public void events(@Context SseEventSink sink, @Context Sse sse) { streams.open(sink, sse, events); }}.
 * It
 * <ul>
 * <li>counts the stream against {@code app.sse.max-per-subject} (the token's subject) and {@code app.sse.max} (this
 * instance) <em>before</em> anything is written: past either, 429 problem+json with {@code Retry-After}, while the
 * status can still say so;</li>
 * <li>writes each event itself, one at a time (the next is asked for when the last is written, so a slow client
 * holds back its own stream, and a source that drops events for slow readers drops them), plus a {@code :heartbeat}
 * comment every {@code app.sse.heartbeat}: clients ignore comments, but a write is how the server learns that a
 * client has gone, and each tick also looks whether the connection is closed already;</li>
 * <li>gives the slot back however the stream ends: the events complete (a job reached its terminal state) or fail,
 * the client goes away (its connection closes, or a write fails), or the service stops ({@link #closeAll}, from a
 * JVM shutdown hook, so that a graceful shutdown is not held up for its whole timeout by streams that would never
 * end by themselves).</li>
 * </ul>
 * A client that goes away is the normal end of a stream, not an error: it is logged at DEBUG, and nothing more is
 * written to its connection. Writing the events here rather than returning a {@code Multi} is what makes that hold:
 * Quarkus REST logs every failed write of a streamed {@code Multi} at ERROR with a stack trace and then resets the
 * connection, which on a closed channel makes Netty warn as well (998 ERROR lines when 1,000 streams closed while
 * checks sent events).
 */
@ApplicationScoped
public class EventStreams {
    private static final Logger LOG = Logger.getLogger(EventStreams.class);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    /** Events asked for ahead of the one being written: a burst gets through, a stuck client holds this many. */
    static final int WINDOW = 16;

    private final StreamSettings settings;
    private final CurrentCaller caller;
    private final Vertx vertx;
    private final Set<Stream<?>> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> bySubject = new HashMap<>(); // guarded by this
    private int total; // guarded by this
    private volatile boolean stopping;
    private Thread shutdownHook;

    EventStreams(StreamSettings settings, CurrentCaller caller, Vertx vertx) {
        this.settings = settings;
        this.caller = caller;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("sse.streams.open", this, EventStreams::openStreams)
                .description("Server-sent event streams open on this instance (all endpoints; limit app.sse.max)")
                .register(registry);
        // Quarkus fires ShutdownEvent only after its graceful shutdown has waited for requests in flight, and an open
        // stream is one until its client leaves: without this, SIGTERM waits the whole quarkus.shutdown.timeout
        shutdownHook = new Thread(this::closeAll, "event-streams-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void stop(@Observes ShutdownEvent event) {
        closeAll(); // tests and dev mode restart the application without a JVM shutdown
    }

    @PreDestroy
    void removeHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook has run or runs now
            }
        }
    }

    /**
     * Streams {@code events} to the caller, each as one {@code data:} event (in the endpoint's
     * {@code @RestStreamElementType}), as the class comment says. Call it in the resource method, on the request.
     *
     * @throws ApiException 429 with {@code Retry-After} when the caller or this instance has no stream left
     */
    public <T> void open(SseEventSink sink, Sse sse, Multi<T> events) {
        open(caller.get().actor(), sink, sse, events);
    }

    /** As {@link #open(SseEventSink, Sse, Multi)} for a given subject. */
    <T> void open(String subject, SseEventSink sink, Sse sse, Multi<T> events) {
        Context here = Vertx.currentContext();
        this.<T>acquire(subject, sink, sse, here != null ? here : vertx.getOrCreateContext()).start(events);
    }

    /** Streams open on this instance now. */
    public synchronized int openStreams() {
        return total;
    }

    /** Streams {@code subject} has open on this instance now. */
    public synchronized int openStreams(String subject) {
        return bySubject.getOrDefault(subject, 0);
    }

    /** Ends every open stream with a normal end of its response, and any opened from now on at once. */
    void closeAll() {
        stopping = true;
        open.forEach(Stream::stop);
    }

    private synchronized <T> Stream<T> acquire(String subject, SseEventSink sink, Sse sse, Context context) {
        int mine = bySubject.getOrDefault(subject, 0);
        if (mine >= settings.maxPerSubject()) {
            throw tooMany("You have " + mine + " event streams open on this instance, the most one caller may hold "
                    + "(APP_SSE_MAX_PER_SUBJECT=" + settings.maxPerSubject() + "). Close a stream you no longer read "
                    + "and retry after the Retry-After delay.");
        }
        if (total >= settings.max()) {
            throw tooMany("This instance serves its maximum of " + settings.max() + " event streams (APP_SSE_MAX). "
                    + "Retry after the Retry-After delay, or read the resource with GET instead of streaming it.");
        }
        bySubject.merge(subject, 1, Integer::sum);
        total++;
        Stream<T> stream = new Stream<>(subject, sink, sse, context);
        open.add(stream);
        return stream;
    }

    private void release(Stream<?> stream, String how) {
        open.remove(stream);
        int left;
        synchronized (this) {
            bySubject.computeIfPresent(stream.subject, (s, n) -> n <= 1 ? null : n - 1);
            left = --total;
        }
        LOG.debugf("An event stream ended (%s); %d open", how, left);
    }

    /** Whether a failed write means that the connection is gone (as opposed to an event that cannot be written). */
    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof HttpClosedException
                    || t instanceof IOException && !(t instanceof JsonProcessingException)) {
                return true; // reset by peer, broken pipe, closed channel: the socket, not the event
            }
        }
        return false;
    }

    private ApiException tooMany(String detail) {
        long seconds = Math.max(1, (settings.heartbeat().toMillis() + 999) / 1000);
        return new ApiException(Problem.of(429, "Too Many Requests", detail),
                Map.of("Retry-After", String.valueOf(seconds)));
    }

    /**
     * One open stream. Everything it does runs on the request's Vert.x context (one thread at a time, in order), so
     * its state needs no locks: the queue, the one write in flight, the heartbeat timer, the end.
     */
    private final class Stream<T> implements MultiSubscriber<T> {
        final String subject;
        private final SseEventSink sink;
        private final Sse sse;
        private final OutboundSseEvent heartbeat;
        private final Context context;
        private final Deque<OutboundSseEvent> queue = new ArrayDeque<>();
        private Flow.Subscription upstream;
        private long timer = -1;
        private boolean writing;
        private String finishing; // why the events ended, once they have: the queue is written first
        private boolean ended;

        Stream(String subject, SseEventSink sink, Sse sse, Context context) {
            this.subject = subject;
            this.sink = sink;
            this.sse = sse;
            this.context = context;
            this.heartbeat = sse.newEventBuilder().comment("heartbeat").build();
        }

        void start(Multi<T> events) {
            context.runOnContext(v -> {
                if (ended) {
                    return; // closeAll came first
                }
                if (stopping) {
                    end(true, "the service is stopping");
                    return;
                }
                timer = vertx.setPeriodic(settings.heartbeat().toMillis(), t -> beat());
                events.subscribe().withSubscriber(this);
            });
        }

        /**
         * Called within {@link #start}'s task, on the context. Asks for {@link #WINDOW} events at once: a source that
         * drops what nobody asked for (the channel feed) keeps a burst (a check's state change and look change, the
         * feed's {@code ready} sent while it is subscribed), while a client that stops reading holds at most that
         * many.
         */
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            subscription.request(WINDOW);
        }

        @Override
        public void onItem(T item) {
            context.runOnContext(v -> {
                if (!ended) {
                    queue.add(sse.newEventBuilder().data(item).build());
                    drain();
                }
            });
        }

        @Override
        public void onFailure(Throwable failure) {
            context.runOnContext(v -> {
                FAILURES.warn("An event stream could not go on and was ended (the client may reconnect): " + failure);
                finish("its events failed: " + failure);
            });
        }

        @Override
        public void onCompletion() {
            context.runOnContext(v -> finish("its events completed"));
        }

        /** From {@link #closeAll}, on any thread. */
        void stop() {
            context.runOnContext(v -> end(true, "the service is stopping"));
        }

        /** The events have ended: the stream ends once what is queued is written. */
        private void finish(String how) {
            finishing = how;
            drain();
        }

        private void drain() {
            if (ended || writing) {
                return;
            }
            OutboundSseEvent next = queue.poll();
            if (next != null) {
                write(next, true);
            } else if (finishing != null) {
                end(true, finishing);
            }
        }

        /** Only on an idle stream: one that is writing shows its client is there anyway. */
        private void beat() {
            if (!ended && !writing) {
                write(heartbeat, false);
            }
        }

        private void write(OutboundSseEvent event, boolean data) {
            if (sink.isClosed()) {
                gone("its connection is closed");
                return;
            }
            writing = true;
            CompletionStage<?> sent;
            try {
                sent = sink.send(event);
            } catch (IllegalStateException closedMeanwhile) {
                gone("its connection is closed");
                return;
            }
            sent.whenComplete((ok, failure) -> context.runOnContext(v -> {
                writing = false;
                if (ended) {
                    return;
                }
                if (failure == null) {
                    if (data && upstream != null) {
                        upstream.request(1);
                    }
                    drain();
                } else if (connectionLost(failure)) {
                    gone("a write failed: " + failure);
                } else { // not the client: an event that cannot be written (a bug)
                    FAILURES.warn("An event could not be written, so its stream was ended: " + failure);
                    end(true, "an event could not be written: " + failure);
                }
            }));
        }

        /** The client has gone: nothing more is written to its connection. */
        private void gone(String why) {
            end(false, "the client went away: " + why);
        }

        private void end(boolean endResponse, String how) {
            if (ended) {
                return;
            }
            ended = true;
            queue.clear();
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (upstream != null) {
                upstream.cancel();
            }
            // a closed connection gets no write (on a closed channel even the last chunk makes Netty warn); close()
            // then only lets Quarkus REST finish the request
            if (endResponse || sink.isClosed()) {
                sink.close();
            }
            release(this, how);
        }
    }
}
