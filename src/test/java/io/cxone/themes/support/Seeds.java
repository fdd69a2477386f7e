package io.cxone.themes.support;

import java.util.Random;

/**
 * Seeds for randomized tests: {@code -Dtest.seed=N} replays a run, otherwise a fresh seed is drawn. Every assertion
 * message carries {@link #tag(long)} so a failure prints the seed that reproduces it.
 */
public final class Seeds {
    public static final String PROPERTY = "test.seed";

    private Seeds() {
    }

    public static long seed() {
        String configured = System.getProperty(PROPERTY);
        return configured == null || configured.isBlank() ? System.nanoTime() : Long.parseLong(configured.strip());
    }

    /**
     * For statistical checks (a share within a tolerance), which hold for most seeds but not for every one: a fixed
     * seed unless one is given, so that such a test never fails by chance; properties that hold for every input keep
     * {@link #seed()}.
     */
    public static long seedOr(long fixed) {
        String configured = System.getProperty(PROPERTY);
        return configured == null || configured.isBlank() ? fixed : Long.parseLong(configured.strip());
    }

    public static Random random(long seed) {
        return new Random(seed);
    }

    public static String tag(long seed) {
        return "[replay with -D" + PROPERTY + "=" + seed + "] ";
    }
}
