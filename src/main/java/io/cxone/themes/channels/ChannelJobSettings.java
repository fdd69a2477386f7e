package io.cxone.themes.channels;

import io.cxone.themes.jobs.JobSettings;
import io.smallrye.config.ConfigMapping;

/** How the engine runs channels jobs: {@code app.jobs.channels.*} (defaults and meaning in application.properties). */
@ConfigMapping(prefix = "app.jobs.channels")
public interface ChannelJobSettings extends JobSettings {
}
