package io.cxone.themes.publish;

import io.cxone.themes.jobs.JobSettings;
import io.smallrye.config.ConfigMapping;

/** How the engine runs publications jobs: {@code app.jobs.publications.*} (defaults and meaning in application.properties). */
@ConfigMapping(prefix = "app.jobs.publications")
public interface PublicationJobSettings extends JobSettings {
}
