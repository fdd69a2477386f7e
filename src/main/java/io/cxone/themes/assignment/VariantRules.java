package io.cxone.themes.assignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.cxone.themes.assignment.AssignmentRequest.VariantInput;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.web.Params;

/** The shape rules of an assignment: weights in 0..1, and every segment/region group summing to 1 within 1e-9. */
public final class VariantRules {
    /** Floating-point sums of decimal weights (0.1 + 0.2 + 0.7) miss 1 by ~1e-16; anything beyond 1e-9 is a mistake. */
    public static final double TOLERANCE = 1e-9;
    static final int MAX_VARIANTS = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private VariantRules() {
    }

    /** The checked variants in the caller's order, or a 400 naming every offending field and group. */
    public static List<Variant> check(AssignmentRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<VariantInput> inputs = request == null ? null : request.variants();
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_VARIANTS) {
            throw ApiException.badRequest("variants", ErrorCode.SIZE, "must hold 1 to " + MAX_VARIANTS + " variants");
        }
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Variant v = variant("variants[" + i + "]", inputs.get(i), errors);
            if (v != null) {
                variants.add(v);
            }
        }
        if (errors.isEmpty()) {
            groups(variants, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the assignment is invalid (" + errors.size() + " errors); nothing was sent to "
                    + "CXone: fix the listed fields and groups and send it again", errors);
        }
        return variants;
    }

    private static Variant variant(String path, VariantInput in, List<FieldError> errors) {
        if (in == null) {
            errors.add(new FieldError(path, ErrorCode.REQUIRED, "must be a variant object"));
            return null;
        }
        int before = errors.size();
        UUID publication = null;
        if (in.publicationId() == null) {
            errors.add(new FieldError(path + ".publicationId", ErrorCode.REQUIRED, "is required (an ACTIVE publication's id)"));
        } else {
            publication = Params.tryUuid(in.publicationId()).orElse(null);
            if (publication == null) {
                errors.add(new FieldError(path + ".publicationId", ErrorCode.FORMAT, "must be a publication id (a UUID), not '"
                        + Params.clip(in.publicationId()) + "'"));
            }
        }
        String segment = name(path + ".segmentId", in.segmentId(), errors);
        String geo = name(path + ".geoRegion", in.geoRegion(), errors);
        Double weight = in.trafficWeight();
        if (weight == null) {
            errors.add(new FieldError(path + ".trafficWeight", ErrorCode.REQUIRED, "is required (0 to 1)"));
        } else if (!(weight >= 0 && weight <= 1)) {
            errors.add(new FieldError(path + ".trafficWeight", ErrorCode.RANGE, "must be between 0 and 1, not " + weight));
        }
        return errors.size() > before ? null : new Variant(publication, null, segment, geo, weight);
    }

    private static String name(String path, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null; // absent: the variant applies to every segment (or region)
        }
        if (!NAME.matcher(value).matches()) {
            errors.add(new FieldError(path, ErrorCode.FORMAT, "must be 1 to 64 letters, digits, '.', '_', ':' or '-'"));
        }
        return value;
    }

    private static void groups(List<Variant> variants, List<FieldError> errors) {
        Map<Variant.GroupKey, Double> sums = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            sums.merge(v.group(), v.trafficWeight(), Double::sum);
            if (!seen.add(v.group().path() + "/" + v.publicationId())) {
                errors.add(new FieldError("variants[" + i + "].publicationId", ErrorCode.DUPLICATE,
                        "appears twice in " + v.group().path() + ": merge the two variants into one"));
            }
        }
        sums.forEach((group, sum) -> {
            if (Math.abs(sum - 1.0) > TOLERANCE) {
                errors.add(new FieldError(group.path(), ErrorCode.SUM, "traffic weights sum to " + sum
                        + "; the variants of one segment/region group must sum to 1 (within 1e-9)"));
            }
        });
    }
}
