package io.cxone.themes.assignment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which variant a visitor sees. The bucket is a pure function of widget and visitor (SHA-256, no seed, no state), so
 * every instance and every restart answers the same; the most specific matching group wins.
 */
public final class Resolver {
    private Resolver() {
    }

    /** The visitor's point in [0, 1): the first 8 bytes of SHA-256(widgetId + '\n' + visitorId), top 53 bits. */
    public static double bucket(String widgetId, String visitorId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((widgetId + "\n" + visitorId).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(hash, 0, 8).getLong();
            return (bits >>> 11) * 0x1.0p-53; // 53 bits fill a double's mantissa exactly: never reaches 1
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The group used for these visitor attributes: segment+geo, then segment, then geo, then the default group. */
    public static Optional<Variant.GroupKey> group(List<Variant> variants, String segment, String geo) {
        List<Variant.GroupKey> candidates = new java.util.ArrayList<>();
        if (segment != null && geo != null) {
            candidates.add(new Variant.GroupKey(segment, geo));
        }
        if (segment != null) {
            candidates.add(new Variant.GroupKey(segment, null));
        }
        if (geo != null) {
            candidates.add(new Variant.GroupKey(null, geo));
        }
        candidates.add(new Variant.GroupKey(null, null));
        return candidates.stream().filter(key -> variants.stream().anyMatch(v -> v.group().equals(key))).findFirst();
    }

    /** The variant a visitor with these attributes and bucket gets, if any group matches. */
    public static Optional<Variant> resolve(List<Variant> variants, String segment, String geo, double bucket) {
        return group(variants, segment, geo).map(g -> pick(variants, g, bucket));
    }

    /** Walks the group's cumulative weights in stored order; the bucket falls in exactly one variant's share. */
    public static Variant pick(List<Variant> variants, Variant.GroupKey group, double bucket) {
        List<Variant> members = variants.stream().filter(v -> Objects.equals(v.group(), group)).toList();
        double cumulative = 0;
        Variant last = null;
        for (Variant v : members) {
            if (v.trafficWeight() <= 0) {
                continue;
            }
            cumulative += v.trafficWeight();
            last = v;
            if (bucket < cumulative) {
                return v;
            }
        }
        // weights may sum to 1 - 1e-9: a bucket in that sliver goes to the last variant with traffic
        return last != null ? last : members.get(members.size() - 1);
    }
}
