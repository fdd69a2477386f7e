package io.cxone.themes.theme;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.accessibility.Level;
import io.vertx.core.Context;

/**
 * The real validator, which also notes each call made on a Vert.x event-loop thread (a spy, not a mock: every answer is
 * the real one). {@link BoundedWorkTest} asserts that no request's validation lands there.
 */
@Alternative
@Priority(1)
@Singleton // no client proxy, so the constructor injection of the real validator stays
public class ThreadRecordingValidator extends ThemeValidator {
    static final List<String> EVENT_LOOP_CALLS = new CopyOnWriteArrayList<>();

    public ThreadRecordingValidator(Validator validator) {
        super(validator);
    }

    @Override
    public ValidationReport validate(JsonNode body, Level level) {
        record();
        return super.validate(body, level);
    }

    @Override
    public ValidationReport validate(Theme theme, Level level) {
        record();
        return super.validate(theme, level);
    }

    private static void record() {
        if (Context.isOnEventLoopThread() && EVENT_LOOP_CALLS.size() < 100) {
            EVENT_LOOP_CALLS.add(Thread.currentThread().getName() + " at " + StackWalker.getInstance()
                    .walk(frames -> frames.skip(2).limit(4).map(StackWalker.StackFrame::toString).toList()));
        }
    }
}
