package io.cxone.themes.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/** Resolution: a stable hash, weights met statistically, and the most specific group first. */
class ResolverTest {
    private static Variant v(String segment, String geo, double weight) {
        return new Variant(UUID.randomUUID(), UUID.randomUUID(), segment, geo, weight);
    }

    @Test
    void theBucketIsAFixedFunctionOfWidgetAndVisitor() {
        // known answer from an independent computation (Python hashlib: SHA-256, first 8 bytes, top 53 bits); any change to the hash would move every visitor to another variant
        assertEquals(Resolver.bucket("w-1", "visitor-42"), Resolver.bucket("w-1", "visitor-42"));
        assertEquals(0.6450619334046639, Resolver.bucket("w-1", "visitor-42"), 0.0);
        assertTrue(Resolver.bucket("w-1", "visitor-42") != Resolver.bucket("w-2", "visitor-42"));
    }

    @Test
    void tenThousandVisitorsMatchTheWeightsWithinTwoPercent() {
        long seed = Seeds.seedOr(20_261_129L); // a statistical check: the same visitors every run
        Random random = Seeds.random(seed);
        List<Variant> variants = List.of(v(null, null, 0.5), v(null, null, 0.3), v(null, null, 0.15), v(null, null, 0.05));
        Variant.GroupKey group = new Variant.GroupKey(null, null);
        Map<Variant, Integer> counts = new HashMap<>();
        String widget = "w-" + random.nextInt(1_000_000);
        for (int i = 0; i < 10_000; i++) {
            String visitor = Long.toHexString(random.nextLong());
            counts.merge(Resolver.pick(variants, group, Resolver.bucket(widget, visitor)), 1, Integer::sum);
        }
        for (Variant variant : variants) {
            double share = counts.getOrDefault(variant, 0) / 10_000.0;
            assertEquals(variant.trafficWeight(), share, 0.02, Seeds.tag(seed) + "share of weight " + variant.trafficWeight());
        }
    }

    @Test
    void aZeroWeightVariantIsNeverPicked() {
        Variant none = v(null, null, 0.0);
        List<Variant> variants = List.of(none, v(null, null, 1.0));
        for (int i = 0; i < 1_000; i++) {
            assertTrue(Resolver.pick(variants, new Variant.GroupKey(null, null), Resolver.bucket("w", "v" + i)) != none);
        }
        assertTrue(Resolver.pick(variants, new Variant.GroupKey(null, null), 0.0) != none);
    }

    @Test
    void theMostSpecificGroupWins() {
        List<Variant> all = List.of(v(null, null, 1), v("vip", null, 1), v(null, "EU", 1), v("vip", "EU", 1));
        assertEquals(new Variant.GroupKey("vip", "EU"), Resolver.group(all, "vip", "EU").orElseThrow());
        assertEquals(new Variant.GroupKey("vip", null), Resolver.group(all, "vip", "US").orElseThrow());
        assertEquals(new Variant.GroupKey(null, "EU"), Resolver.group(all, "basic", "EU").orElseThrow());
        assertEquals(new Variant.GroupKey(null, null), Resolver.group(all, null, null).orElseThrow());
        assertEquals(new Variant.GroupKey(null, null), Resolver.group(all, "basic", "US").orElseThrow());
        assertTrue(Resolver.group(List.of(v("vip", null, 1)), "basic", null).isEmpty());
        // segment outranks region when both a segment-only and a region-only group match
        assertEquals(new Variant.GroupKey("vip", null), Resolver.group(all.subList(0, 3), "vip", "EU").orElseThrow());
    }
}
