package io.cxone.themes.livechannel;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import io.cxone.themes.cxone.CxoneSettings;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;

/**
 * Where a channel import may go: the channel base template ({@code CXONE_CHANNEL_BASE_URL}, else the simulator's channel
 * route while it is on, else the real CXone host), the domain allow-list, and the one URL a checked {@link ChannelRequest}
 * makes. Kept apart from {@link ChannelClient}, which does the HTTP, so that the address rules read on one page.
 */
final class ChannelUrls {
    /** The real public channel host of SPEC section 2. */
    public static final String CXONE_CHANNEL_TEMPLATE = "https://channels-de-{env}.{domain}";
    /** CXone's own domains: the allow-list outside the simulator unless {@code app.import.allowed-domains} is set. */
    public static final List<String> CXONE_DOMAINS = List.of("niceincontact.com", "nice-incontact.com", "nicecxone.com");
    static final String PATH = "/chat/1.0/brand/%s/channel/%s";
    static final String QUERY = "locale=en_US";

    private final Validator validator;
    private final String template;
    private final Optional<List<String>> allowedDomains;
    /** Whether the caller's env/domain decide the host (then its addresses are checked and pinned). */
    private final boolean hostFromInput;

    ChannelUrls(Validator validator, CxoneSettings settings, boolean simulatorOn, Optional<List<String>> allowedDomains) {
        this.validator = validator;
        this.template = baseTemplate(settings, simulatorOn);
        this.allowedDomains = domainAllowList(allowedDomains, template.equals(settings.simulatorChannelUrl()));
        this.hostFromInput = hostPart(template).contains("{");
    }

    /** CXONE_CHANNEL_BASE_URL; else the simulator's channel route while it is on; else the real CXone host. */
    static String baseTemplate(CxoneSettings settings, boolean simulatorOn) {
        Optional<String> configured = settings.channelBaseUrl().map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured.get();
        }
        return simulatorOn ? settings.simulatorChannelUrl() : CXONE_CHANNEL_TEMPLATE;
    }

    /**
     * {@code app.import.allowed-domains} when set ({@code *}: any domain); unset, CXone's own domains, except for the
     * built-in simulator's route, which serves any domain on loopback (the operator fixed its host).
     */
    static Optional<List<String>> domainAllowList(Optional<List<String>> configured, boolean simulatorRoute) {
        Optional<List<String>> cleaned = configured.map(list -> list.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .map(d -> d.startsWith(".") ? d.substring(1) : d).filter(d -> !d.isEmpty()).toList())
                .filter(list -> !list.isEmpty());
        if (cleaned.isPresent()) {
            return cleaned.get().contains("*") ? Optional.empty() : cleaned;
        }
        return simulatorRoute ? Optional.empty() : Optional.of(CXONE_DOMAINS);
    }

    /** The authority of a URL template (between {@code ://} and the path), where a placeholder decides the host. */
    static String hostPart(String template) {
        int start = template.indexOf("://");
        String rest = start < 0 ? template : template.substring(start + 3);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** The channel base template in use (with its {@code {env}}/{@code {domain}} placeholders). */
    String template() {
        return template;
    }

    boolean hostFromInput() {
        return hostFromInput;
    }

    /**
     * The URL that {@link ChannelClient#fetch} calls for this request (for audit details and messages).
     *
     * @throws ApiException 400 naming each invalid field when the request breaks {@link ChannelRequest}'s rules or
     *                      the domain is not in {@code app.import.allowed-domains}
     */
    URI url(ChannelRequest request) {
        check(request);
        String base = template.replace("{env}", request.env()).replace("{domain}", request.domain());
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI url;
        try {
            url = new URI(base + String.format(PATH, segment(request.brandId()), segment(request.channelId())) + "?" + QUERY);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("channel URL template '" + template + "' (CXONE_CHANNEL_BASE_URL) does not "
                    + "make a URL: " + e.getMessage(), e);
        }
        // belt and braces: the patterns already make these impossible
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null
                || !QUERY.equals(url.getRawQuery())
                || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalStateException("channel URL template '" + template + "' (CXONE_CHANNEL_BASE_URL) does not "
                    + "make a plain http(s) URL");
        }
        return url;
    }

    private void check(ChannelRequest request) {
        if (request == null) {
            throw ApiException.badRequest("$", ErrorCode.REQUIRED, "brandId, channelId, env and domain are required");
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<ChannelRequest> violation : validator.validate(request)) {
            boolean missing = violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
            errors.add(new FieldError(violation.getPropertyPath().toString(), missing ? ErrorCode.REQUIRED : ErrorCode.FORMAT,
                    violation.getMessage()));
        }
        if (errors.isEmpty() && allowedDomains.isPresent() && allowedDomains.get().stream()
                .noneMatch(allowed -> request.domain().equals(allowed) || request.domain().endsWith("." + allowed))) {
            errors.add(new FieldError("domain", ErrorCode.NOT_ALLOWED,
                    "is not one of the CXone domains this service may call: " + String.join(", ", allowedDomains.get())));
        }
        if (!errors.isEmpty()) {
            errors.sort(FieldError.BY_PATH_THEN_CODE);
            throw ApiException.badRequest("The channel to import is not valid: " + errors.stream()
                    .map(e -> e.path() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
