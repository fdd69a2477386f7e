package io.cxone.themes.assignment;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.assignment.AssignmentRequest.VariantInput;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.support.Seeds;

/** Weight and group rules, including the 1e-9 tolerance on both sides of 1, with seeded random partitions. */
class VariantRulesTest {

    private static VariantInput v(String segment, String geo, Double weight) {
        return new VariantInput(UUID.randomUUID().toString(), segment, geo, weight);
    }

    private static List<FieldError> errors(VariantInput... variants) {
        ApiException e = assertThrows(ApiException.class, () -> VariantRules.check(new AssignmentRequest(List.of(variants))));
        assertEquals(400, e.status());
        return e.problem().errors();
    }

    @Test
    void weightsOutsideZeroToOneNameTheirField() {
        List<FieldError> errors = errors(v(null, null, 0.5), v(null, null, 1.5), v(null, null, -0.0001));
        assertEquals("variants[1].trafficWeight", errors.get(0).path());
        assertEquals("variants[2].trafficWeight", errors.get(1).path());
        assertEquals("variants[0].trafficWeight", errors(v(null, null, null)).get(0).path());
    }

    @Test
    void eachGroupMustSumToOneAndIsNamed() {
        List<FieldError> errors = errors(v("vip", "EU", 0.6), v("vip", "EU", 0.3), v(null, null, 1.0), v("vip", null, 0.2));
        assertEquals(List.of("groups[segment=vip,geo=EU]", "groups[segment=vip]"), errors.stream().map(FieldError::path).toList());
        assertEquals("groups[geo=US]", errors(v(null, "US", 0.5)).get(0).path());
        assertEquals("groups[default]", errors(v(null, null, 0.5), v(null, null, 0.4)).get(0).path());
    }

    @Test
    void toleranceIsOneBillionthOnBothSides() {
        assertDoesNotThrow(() -> check(0.5, 0.5 + 0.9e-9));
        assertDoesNotThrow(() -> check(0.5, 0.5 - 0.9e-9));
        assertEquals("groups[segment=seg]", assertThrows(ApiException.class, () -> check(0.5, 0.5 + 1.2e-9)).problem().errors().get(0).path());
        assertEquals("groups[segment=seg]", assertThrows(ApiException.class, () -> check(0.5, 0.5 - 1.2e-9)).problem().errors().get(0).path());
        assertDoesNotThrow(() -> check(0.1, 0.2, 0.7)); // 0.9999999999999999 in binary floating point
    }

    @Test
    void malformedInputsAreNamed() {
        List<FieldError> errors = errors(new VariantInput("not-a-uuid", null, null, 1.0));
        assertEquals("variants[0].publicationId", errors.get(0).path());
        assertEquals("variants[0].segmentId", errors(new VariantInput(UUID.randomUUID().toString(), "bad segment!", null, 1.0)).get(0).path());
        assertEquals("variants", assertThrows(ApiException.class, () -> VariantRules.check(new AssignmentRequest(List.of())))
                .problem().errors().get(0).path());
        String same = UUID.randomUUID().toString();
        assertEquals("variants[1].publicationId", errors(new VariantInput(same, null, null, 0.5),
                new VariantInput(same, null, null, 0.5)).get(0).path());
    }

    @Test
    void randomPartitionsOfOneAreAcceptedAndNudgedOnesRejected() {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + random.nextInt(8);
            double[] parts = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                parts[i] = random.nextDouble();
                sum += parts[i];
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                parts[i] /= sum;
                total += parts[i];
            }
            parts[n - 1] = Math.max(0, parts[n - 1] + (1.0 - total)); // land within floating-point noise of 1
            double[] accepted = parts.clone();
            assertDoesNotThrow(() -> check(accepted), Seeds.tag(seed) + "round " + round);
            int at = random.nextInt(n);
            double nudge = (random.nextBoolean() ? 1 : -1) * (2e-9 + random.nextDouble() * 0.01);
            double[] nudged = parts.clone();
            nudged[at] += nudge;
            if (nudged[at] >= 0 && nudged[at] <= 1) {
                ApiException e = assertThrows(ApiException.class, () -> check(nudged), Seeds.tag(seed) + "round " + round);
                assertTrue(e.problem().errors().get(0).path().startsWith("groups["), Seeds.tag(seed));
            }
        }
    }

    private static List<Variant> check(double... weights) {
        List<VariantInput> inputs = new ArrayList<>();
        for (double w : weights) {
            inputs.add(v("seg", null, w));
        }
        return VariantRules.check(new AssignmentRequest(inputs));
    }
}
