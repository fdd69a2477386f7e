package io.cxone.themes.rollout;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Canary rollouts ({@code app.rollouts.*}, env {@code APP_ROLLOUTS_*}). */
@ConfigMapping(prefix = "app.rollouts")
public interface RolloutSettings {

    /**
     * A running rollout looks at its commands (pause, abort …) and its variant's publication this often
     * ({@code APP_ROLLOUTS_TICK}): a stage's hold is cut into ticks, so an abort takes effect within one, not at the
     * end of a long hold. Each tick is one small transaction per running rollout.
     */
    @WithDefault("5s")
    Duration tick();

    /**
     * Holds added to a stage for want of samples before the rollout is {@code STALLED}
     * ({@code APP_ROLLOUTS_MAX_HOLD_EXTENSIONS}): a stage waits at most (1 + this) × holdSeconds for
     * {@code gates.minSamples}; a widget with too little traffic for the gate stops there instead of holding forever.
     */
    @WithDefault("3")
    int maxHoldExtensions();
}
