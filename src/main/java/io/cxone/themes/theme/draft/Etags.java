package io.cxone.themes.theme.draft;

import java.util.Arrays;

import jakarta.ws.rs.core.EntityTag;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.Problem;

/** Strong entity tags for drafts ({@code "v3"}: the version number) and the If-Match rules of RFC 9110. */
final class Etags {
    private Etags() {
    }

    static String of(int version) {
        return "\"v" + version + "\"";
    }

    /** The same tag for the {@code ETag} header (JAX-RS adds the quotes). */
    static EntityTag header(int version) {
        return new EntityTag("v" + version);
    }

    /** Missing If-Match is 428 (we never guess which state the caller saw); a stale one is 412 naming the current. */
    static void requireMatch(String ifMatch, int currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(Problem.of(428, "Precondition Required",
                    "send If-Match with the ETag of your last GET of this theme (currently " + of(currentVersion)
                            + "), so that a concurrent change by someone else is never overwritten"));
        }
        String current = of(currentVersion);
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current)); // weak tags never match (strong comparison)
        if (!matches) {
            throw new ApiException(Problem.of(412, "Precondition Failed", "the theme changed since you read it: "
                    + "If-Match was " + ifMatch.strip() + ", the current ETag is " + current
                    + "; GET it again, reapply your change and retry"));
        }
    }
}
