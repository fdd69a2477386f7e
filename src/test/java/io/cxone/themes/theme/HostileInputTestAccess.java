package io.cxone.themes.theme;

import java.util.Map;
import java.util.Random;

import io.restassured.response.Response;

/** Lends {@link HostileInputTest}'s generators and invariants to the hostile tests of other packages. */
public final class HostileInputTestAccess {
    private HostileInputTestAccess() {
    }

    public static String[] field(Random random) {
        return HostileInputTest.FIELDS.get(random.nextInt(HostileInputTest.FIELDS.size()));
    }

    public static Object wrongValue(String kind, Random random) {
        return HostileInputTest.wrongValue(kind, random);
    }

    public static String sampleWith(String path, Object value) throws Exception {
        return HostileInputTest.sampleWith(path, value);
    }

    public static Map<String, Object> check(String tag, Response response) {
        return HostileInputTest.check(tag, response);
    }
}
