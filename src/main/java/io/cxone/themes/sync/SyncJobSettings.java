package io.cxone.themes.sync;

import io.cxone.themes.jobs.JobSettings;
import io.smallrye.config.ConfigMapping;

/** How the engine runs sync jobs: {@code app.jobs.sync.*} (defaults and meaning in application.properties). */
@ConfigMapping(prefix = "app.jobs.sync")
public interface SyncJobSettings extends JobSettings {
}
