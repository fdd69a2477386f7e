package io.cxone.themes.preview;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The optional allow-list of hosts a preview may load button icons from ({@code app.preview.icon-hosts}). Unset: any
 * https host, as before. Set: icons from other hosts are drawn as a placeholder and listed in the report, and the
 * page's CSP {@code img-src} names only these hosts, so a theme cannot make a reviewer's browser call an arbitrary
 * server (a tracking pixel that says who previewed what, and when).
 */
@Singleton
public class IconHosts {
    /** A host name, or {@code *.} and a domain for its subdomains. */
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private final List<String> hosts;

    @Inject
    public IconHosts(@ConfigProperty(name = "app.preview.icon-hosts") Optional<List<String>> hosts) {
        this.hosts = hosts.orElse(List.of()).stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
        for (String host : this.hosts) {
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("app.preview.icon-hosts takes host names such as icons.example.com "
                        + "or *.example.com, separated by commas; not: " + host);
            }
        }
    }

    /** No allow-list: every https icon is drawn. */
    static IconHosts any() {
        return new IconHosts(Optional.empty());
    }

    boolean restricted() {
        return !hosts.isEmpty();
    }

    /** Whether the preview may load this (already https-checked) icon URL. */
    boolean allows(String url) {
        if (!restricted()) {
            return true;
        }
        String host = host(url);
        return host != null && hosts.stream().anyMatch(allowed -> allowed.startsWith("*.")
                ? host.endsWith(allowed.substring(1)) : host.equals(allowed));
    }

    /** The host part of {@code url}, lower-case; null when it has none. */
    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The CSP sources for images beside 'self' and data:. */
    String imageSources() {
        return restricted() ? hosts.stream().map(h -> "https://" + h).collect(Collectors.joining(" ")) : "https:";
    }
}
