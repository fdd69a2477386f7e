package io.cxone.themes.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where migrations connect: {@code QUARKUS_DATASOURCE_JDBC_URL}, or else the JDBC form of the reactive URL the service
 * uses anyway ({@code postgresql://[user[:password]@]host[:port]/db[?params]}), so a deployment needs one URL, not two.
 * The user and password are {@code QUARKUS_DATASOURCE_USERNAME}/{@code _PASSWORD}, or the reactive URL's own.
 */
public record JdbcTarget(String url, String user, String password) {
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String USER = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";

    /** From configuration properties looked up by name; empty when neither URL is set. */
    public static Optional<JdbcTarget> from(Function<String, Optional<String>> config) {
        Optional<String> user = config.apply(USER).filter(v -> !v.isBlank());
        Optional<String> password = config.apply(PASSWORD);
        Optional<String> jdbc = config.apply(JDBC_URL).filter(v -> !v.isBlank());
        if (jdbc.isPresent()) {
            return Optional.of(new JdbcTarget(jdbc.get().strip(), user.orElse(null), password.orElse(null)));
        }
        return config.apply(REACTIVE_URL).filter(v -> !v.isBlank())
                .map(reactive -> fromReactive(reactive.strip(), user, password));
    }

    private static JdbcTarget fromReactive(String reactive, Optional<String> user, Optional<String> password) {
        URI uri;
        try {
            uri = new URI(reactive);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(REACTIVE_URL + " is not a URL (postgresql://host:port/database); "
                    + "set QUARKUS_DATASOURCE_JDBC_URL for migrations");
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(REACTIVE_URL + " must look like postgresql://host:port/database; "
                    + "set QUARKUS_DATASOURCE_JDBC_URL for migrations");
        }
        String url = "jdbc:postgresql://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost())
                + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String[] info = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        String urlUser = info.length > 0 ? decode(info[0]) : null;
        String urlPassword = info.length > 1 ? decode(info[1]) : null;
        return new JdbcTarget(url, user.orElse(urlUser), password.orElse(urlPassword));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() { // never the password
        return "JdbcTarget[" + url + ", user=" + user + "]";
    }
}
