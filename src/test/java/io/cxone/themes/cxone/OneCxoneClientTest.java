package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One CXone REST client, so one HTTP client and one set of {@code http.client.*} meters: a second HTTP client registered
 * the same gauges again (Micrometer's "Gauge already registered" WARN once CXone was called after a health check).
 * {@code @Dependent} (the default) made one per injection point; {@code @ApplicationScoped} made two as well, because
 * the REST client's client proxy is a subclass of the client whose constructor builds an HTTP client of its own (seen
 * in the stack of the second registration). Singleton has no proxy.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class OneCxoneClientTest {
    @Test
    void theClientIsOneSingletonSharedByItsInjectionPoints() {
        InstanceHandle<CxoneApi> first = Arc.container().instance(CxoneApi.class, RestClient.LITERAL);
        InstanceHandle<CxoneApi> second = Arc.container().instance(CxoneApi.class, RestClient.LITERAL);
        assertEquals(Singleton.class, first.getBean().getScope());
        assertSame(first.get(), second.get());
    }
}
