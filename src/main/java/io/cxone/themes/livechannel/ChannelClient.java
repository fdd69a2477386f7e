package io.cxone.themes.livechannel;

import static java.time.temporal.ChronoUnit.SECONDS;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.cxone.CxoneSettings;
import io.cxone.themes.cxone.RetryAfter;
import io.cxone.themes.cxone.RetryAfterBackoff;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.simulator.SimulatorSwitch;
import io.cxone.themes.text.Text;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Reads a live CXone chat channel's appearance from the public channel endpoint (SPEC section 2, last bullet):
 * {@code GET {channel base}/chat/1.0/brand/{brandId}/channel/{channelId}?locale=en_US}. The endpoint is public: no
 * token is ever sent.
 *
 * <p>The channel base is a template with {@code {env}} and {@code {domain}} placeholders: {@code CXONE_CHANNEL_BASE_URL}
 * when set; else, while the built-in simulator is on, its channel route ({@code cxone.simulator-channel-url}); else the
 * real CXone host {@value ChannelUrls#CXONE_CHANNEL_TEMPLATE} ({@link ChannelUrls}). Only the placeholders vary, and only with values that
 * {@link ChannelRequest} allows (checked here again, whoever built the request), so a request can never change the
 * scheme, add user info or a port, or leave the template's host pattern. Domains are limited to
 * {@code app.import.allowed-domains} (CXone's own by default, outside the simulator). When the placeholders are in the
 * template's host, the name is resolved once ({@link ChannelHostResolver}, on a worker thread), every address must be
 * public ({@link PublicAddresses}), and the connection goes to the checked address: no second lookup for DNS rebinding.
 * Redirects are not followed, answers are capped at {@code app.import.max-body-size}.
 *
 * <p>Failures: 404 → {@link ApiException} 404 "Channel Not Found" (check brandId, channelId, env, domain); a host that
 * does not resolve → the same; 429 → {@link CxoneException.Throttled}; 5xx and no answer →
 * {@link CxoneException.Transient}; a read timeout → {@link TimeoutException}; any other status, a redirect or a body
 * that is not a JSON object → {@link CxoneException.Rejected}. The transient ones are retried twice with backoff
 * (honouring {@code Retry-After}); {@code CxoneProblemMapper} answers what is left with 502/503/504. There is no
 * circuit breaker: channels live on many hosts (one per env and domain), and one tenant's broken host must not stop
 * imports for the others.
 */
@ApplicationScoped
public class ChannelClient {
    private static final Logger LOG = Logger.getLogger(ChannelClient.class);

    private final ObjectMapper mapper;
    private final ChannelUrls urls;
    private final ChannelHostResolver resolver;
    private final PublicAddresses publicAddresses;
    private final Duration readTimeout;
    private final long maxBodyBytes;
    private final HttpClient http;

    public ChannelClient(Validator validator, ObjectMapper mapper, Vertx vertx, CxoneSettings settings,
            SimulatorSwitch simulator, ChannelHostResolver resolver,
            @ConfigProperty(name = "app.import.allowed-domains") Optional<List<String>> allowedDomains,
            @ConfigProperty(name = "app.import.allowed-networks") Optional<List<String>> allowedNetworks,
            @ConfigProperty(name = "app.import.connect-timeout", defaultValue = "3s") Duration connectTimeout,
            @ConfigProperty(name = "app.import.read-timeout", defaultValue = "5s") Duration readTimeout,
            @ConfigProperty(name = "app.import.max-body-size", defaultValue = "256K") MemorySize maxBodySize) {
        this.mapper = mapper;
        this.urls = new ChannelUrls(validator, settings, simulator.on(), allowedDomains);
        this.resolver = resolver;
        this.publicAddresses = new PublicAddresses(allowedNetworks.orElse(List.of()).stream().map(String::strip)
                .filter(n -> !n.isEmpty()).map(n -> PublicAddresses.Network.parse(n, "allowed network")).toList());
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodySize.asLongValue();
        // no redirects, no compression (so no decompression bombs), TLS host verification on (the default)
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setForceSni(true).setTryUseCompression(false).setMaxRedirects(0));
    }


    /** The channel base template in use (with its {@code {env}}/{@code {domain}} placeholders). */
    public String template() {
        return urls.template();
    }

    /**
     * The URL that {@link #fetch} calls for this request (for audit details and messages).
     *
     * @throws ApiException 400 naming each invalid field when the request breaks {@link ChannelRequest}'s rules or
     *                      the domain is not in {@code app.import.allowed-domains}
     */
    public URI url(ChannelRequest request) {
        return urls.url(request);
    }

    /**
     * The address rule of {@link #fetch}, without the fetch: the request's fields and domain as {@link #url} checks
     * them, then, when the caller's env and domain decide the host, its name resolved once and every address public.
     * A channel watch is checked with it when it is created (400 {@code not_allowed} at once, like an import), not
     * only at each check. Fails as {@link #fetch} does: 400 naming the field, or 404 when the host does not resolve.
     */
    public Uni<Void> checkAddress(ChannelRequest request) {
        return Uni.createFrom().item(() -> url(request)).flatMap(url -> pinnedAddress(request, url)).replaceWithVoid();
    }

    /**
     * The channel's appearance, as CXone answered it (a JSON object: {@code colors}, {@code widget},
     * {@code customCss}). See the class comment for the failures.
     */
    @Retry(maxRetries = 2, delay = 200, jitter = 0, maxDuration = 20, durationUnit = SECONDS,
            retryOn = { CxoneException.Transient.class, CxoneException.Throttled.class, TimeoutException.class },
            abortOn = { CxoneException.Rejected.class, ApiException.class })
    @CustomBackoff(RetryAfterBackoff.class)
    @Timeout(value = 8, unit = SECONDS)
    public Uni<ObjectNode> fetch(ChannelRequest request) {
        return Uni.createFrom().item(() -> url(request))
                .flatMap(url -> pinnedAddress(request, url).flatMap(address -> get(url, address, request))
                        .map(answer -> interpret(request, url, answer)));
    }

    /**
     * When the caller's env/domain decide the host: its addresses, resolved once on a worker thread (never the event
     * loop), every one of them public; the first is the one connected to. Empty (Vert.x resolves as usual) when the
     * operator fixed the host in CXONE_CHANNEL_BASE_URL.
     */
    private Uni<Optional<InetAddress>> pinnedAddress(ChannelRequest request, URI url) {
        if (!urls.hostFromInput()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().item(() -> {
            List<InetAddress> addresses;
            try {
                addresses = resolver.resolve(url.getHost());
            } catch (UnknownHostException unknown) {
                throw notFound(request);
            }
            if (addresses.isEmpty()) {
                throw notFound(request);
            }
            for (InetAddress address : addresses) {
                Optional<String> refusal = publicAddresses.refusal(address);
                if (refusal.isPresent()) {
                    LOG.warnf("channel host refused: %s resolves to %s (%s), not a public address", url.getHost(),
                            address.getHostAddress(), refusal.get());
                    throw ApiException.badRequest("domain", ErrorCode.NOT_ALLOWED, "the channel host for this env and domain "
                            + "does not resolve to public addresses only, so this service will not call it; "
                            + "use the env and domain of your CXone account");
                }
            }
            return Optional.of(addresses.get(0));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A channel CXone does not have, or a host that does not resolve: the same answer, naming only the input. */
    private static ApiException notFound(ChannelRequest request) {
        return new ApiException(Problem.of(404, "Channel Not Found", "CXone has no chat channel '"
                + request.channelId() + "' for brand '" + request.brandId() + "' in env '" + request.env()
                + "' of domain '" + request.domain() + "': check brandId, channelId, env and domain."));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** What came back: status, the two headers we read, and the (bounded) body. */
    record Answer(int status, String retryAfter, String location, Buffer body) {
    }

    /** One GET, no redirects; the body is read up to the limit, and a larger one ends the connection. */
    private Uni<Answer> get(URI url, Optional<InetAddress> pinned, ChannelRequest channel) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                .setFollowRedirects(false).setIdleTimeout(readTimeout.toMillis())
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(HttpHeaders.USER_AGENT, "cxone-theme-service");
        // connect to the checked address; Host header, SNI and certificate verification still use the name
        pinned.ifPresent(address -> options.setServer(SocketAddress.inetSocketAddress(url.getPort() > 0 ? url.getPort()
                : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80, address.getHostAddress())));
        return Uni.createFrom().<Answer>emitter(emitter -> {
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            AtomicBoolean answered = new AtomicBoolean();
            emitter.onTermination(() -> {
                HttpClientRequest request = sent.get();
                if (request != null && !answered.get()) {
                    request.reset(); // a failed, oversized or cancelled (timed-out) exchange: drop the connection
                }
            });
            http.request(options).onFailure(emitter::fail).onSuccess(request -> {
                sent.set(request);
                request.send().onFailure(emitter::fail).onSuccess(response -> read(response, url, answered, emitter));
            });
        }).onFailure(failure -> !(failure instanceof CxoneException) && !(failure instanceof ApiException))
                .transform(failure -> translate(failure, url, channel));
    }

    private void read(HttpClientResponse response, URI url, AtomicBoolean answered, UniEmitter<? super Answer> emitter) {
        response.exceptionHandler(emitter::fail); // also quiets the reset that ends an oversized answer
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes) {
            emitter.fail(tooLarge(url));
            return;
        }
        Buffer body = Buffer.buffer();
        AtomicBoolean overflow = new AtomicBoolean();
        response.handler(chunk -> {
            if (overflow.get()) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodyBytes) {
                overflow.set(true);
                emitter.fail(tooLarge(url));
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.endHandler(done -> {
            if (!overflow.get()) {
                answered.set(true);
                emitter.complete(new Answer(response.statusCode(), response.getHeader(HttpHeaders.RETRY_AFTER),
                        response.getHeader(HttpHeaders.LOCATION), body));
            }
        });
    }

    private CxoneException tooLarge(URI url) {
        return new CxoneException.Rejected("the CXone channel endpoint at " + url.getHost()
                + " answered with more than " + maxBodyBytes + " bytes", 200, "");
    }

    /** No HTTP answer: a name that does not resolve is a wrong env/domain; silence is a timeout; the rest transient. */
    private RuntimeException translate(Throwable failure, URI url, ChannelRequest request) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return notFound(request);
            }
            if (t instanceof ConnectException) {
                break;
            }
            if (t instanceof java.util.concurrent.TimeoutException) {
                return new TimeoutException("the CXone channel host " + url.getHost() + " sent nothing for "
                        + readTimeout.toMillis() + " ms");
            }
        }
        return new CxoneException.Transient("no answer from the CXone channel host " + url.getHost() + ": "
                + Text.describe(failure), 0, "", Optional.empty());
    }

    private ObjectNode interpret(ChannelRequest request, URI url, Answer answer) {
        int status = answer.status();
        String body = answer.body().toString(StandardCharsets.UTF_8);
        LOG.debugf("channel %s answered %d (%d bytes)", url, status, answer.body().length());
        if (status == 200) {
            JsonNode parsed;
            try {
                parsed = mapper.readTree(body);
            } catch (JsonProcessingException notJson) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject()) {
                throw new CxoneException.Rejected("the CXone channel endpoint at " + url.getHost()
                        + " answered 200 with a body that is not a JSON object", 200, body);
            }
            return (ObjectNode) parsed;
        }
        if (status == 404 || status == 410) {
            throw notFound(request);
        }
        if (status == 429) {
            throw new CxoneException.Throttled("the CXone channel endpoint answered 429 Too Many Requests", body,
                    RetryAfter.parse(answer.retryAfter(), Instant.now()));
        }
        if (status >= 500) {
            throw new CxoneException.Transient("the CXone channel endpoint at " + url.getHost() + " answered " + status,
                    status, body, RetryAfter.parse(answer.retryAfter(), Instant.now()));
        }
        if (status >= 300 && status < 400) {
            throw new CxoneException.Rejected("the CXone channel endpoint at " + url.getHost() + " answered " + status
                    + " (a redirect" + (answer.location() == null ? "" : " to " + Text.clip(answer.location(), 200))
                    + "); redirects are not followed: check CXONE_CHANNEL_BASE_URL", status, "");
        }
        throw new CxoneException.Rejected("the CXone channel endpoint at " + url.getHost() + " answered " + status,
                status, body);
    }
}
