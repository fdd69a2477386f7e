package io.cxone.themes.db;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Says in the log which database the service uses when it is the embedded one, and how to use a real one. */
class EmbeddedPostgresNotice {
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresNotice.class);

    void onStart(@Observes StartupEvent event) {
        String url = System.getProperty(EmbeddedPostgres.URL_PROPERTY);
        if (url != null) {
            LOG.infof("Using the embedded PostgreSQL at %s with data under %s (no datasource URL is configured; set "
                    + "QUARKUS_DATASOURCE_REACTIVE_URL to use your own server)", url,
                    System.getProperty(EmbeddedPostgres.DIR_PROPERTY));
        }
    }
}
