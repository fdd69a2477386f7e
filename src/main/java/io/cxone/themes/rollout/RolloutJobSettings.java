package io.cxone.themes.rollout;

import io.cxone.themes.jobs.JobSettings;
import io.smallrye.config.ConfigMapping;

/** How the engine runs rollouts: {@code app.jobs.rollouts.*} (defaults and meaning in application.properties). */
@ConfigMapping(prefix = "app.jobs.rollouts")
public interface RolloutJobSettings extends JobSettings {
}
