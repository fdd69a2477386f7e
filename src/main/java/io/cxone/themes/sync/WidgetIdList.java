package io.cxone.themes.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import io.cxone.themes.cxone.WidgetIds;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;

/** Checks a job's widget ids (count, each one's shape, naming its index) and drops repeats, keeping first order. */
final class WidgetIdList {
    /** A job's 400 lists this many bad ids at most: enough to fix a generator, without a 100,000-entry answer. */
    static final int MAX_REPORTED = 20;
    private static final Pattern ID = Pattern.compile(WidgetIds.PATTERN);

    private WidgetIdList() {
    }

    static List<String> check(List<String> ids, int max) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.badRequest("widgetIds", ErrorCode.SIZE, "must hold 1 to " + max + " widget ids");
        }
        if (ids.size() > max) {
            throw ApiException.badRequest("widgetIds", ErrorCode.SIZE, "holds " + ids.size() + " widget ids; at most " + max
                    + " per job: split the rollout into several jobs");
        }
        List<FieldError> errors = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !ID.matcher(id).matches()) {
                if (++bad <= MAX_REPORTED) {
                    errors.add(new FieldError("widgetIds[" + i + "]", id == null ? ErrorCode.REQUIRED : ErrorCode.FORMAT, WidgetIds.MESSAGE));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(bad + " widget ids are malformed (the first " + errors.size()
                    + " are listed); nothing was queued: fix them and send the job again", errors);
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
