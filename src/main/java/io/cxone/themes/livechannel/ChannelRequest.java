package io.cxone.themes.livechannel;

import java.util.Locale;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Which live CXone chat channel to import: {@code POST /api/v1/themes/import} {@code {brandId, channelId, env, domain}}.
 *
 * <p>The values end up in a URL ({@code https://channels-de-{env}.{domain}/chat/1.0/brand/{brandId}/channel/{channelId}}),
 * so each is held to a pattern that cannot change the URL's structure (no SSRF by a crafted host or path):
 * <ul>
 * <li>{@code brandId}, {@code channelId}: 1–64 of {@code A-Z a-z 0-9 _ -} (CXone's numeric brand ids and
 * {@code chat_…} channel ids); they are also percent-encoded as path segments;</li>
 * <li>{@code env}: one DNS label of 1–32 lower-case letters, digits and inner hyphens (e.g. {@code c1});</li>
 * <li>{@code domain}: a DNS name of at least two labels, at most 253 characters, lower-case letters, digits, inner
 * hyphens and dots only (e.g. {@code niceincontact.com}): never {@code /}, {@code @}, {@code :}, {@code ?}, {@code #},
 * {@code %} or spaces, so neither user info, a port, a path nor a query can be smuggled into the host.</li>
 * </ul>
 * {@code env} and {@code domain} are trimmed and lower-cased (DNS is case-insensitive); ids are trimmed.
 */
public record ChannelRequest(
        @NotNull(message = "is required") @Pattern(regexp = ID, message = ID_MESSAGE) String brandId,
        @NotNull(message = "is required") @Pattern(regexp = ID, message = ID_MESSAGE) String channelId,
        @NotNull(message = "is required") @Pattern(regexp = ENV, message = ENV_MESSAGE) String env,
        @NotNull(message = "is required") @Pattern(regexp = DOMAIN, message = DOMAIN_MESSAGE) String domain) {

    /** CXone brand (business unit) and channel ids. */
    public static final String ID = "[A-Za-z0-9_-]{1,64}";
    /** One DNS label: the {@code {env}} of {@code channels-de-{env}}. */
    public static final String ENV = "[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?";
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    /** A DNS name with at least two labels, 253 characters at most. */
    public static final String DOMAIN = "(?=[a-z0-9.-]{1,253}$)" + LABEL + "(?:\\." + LABEL + ")+";

    static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '_' or '-'";
    static final String ENV_MESSAGE = "must be a DNS label: 1 to 32 lower-case letters, digits or inner '-' (e.g. c1)";
    static final String DOMAIN_MESSAGE = "must be a DNS name such as niceincontact.com: lower-case letters, digits, "
            + "inner '-' and '.', at most 253 characters (no scheme, port, path or '@')";

    public ChannelRequest {
        brandId = brandId == null ? null : brandId.strip();
        channelId = channelId == null ? null : channelId.strip();
        env = env == null ? null : env.strip().toLowerCase(Locale.ROOT);
        domain = domain == null ? null : domain.strip().toLowerCase(Locale.ROOT);
    }
}
