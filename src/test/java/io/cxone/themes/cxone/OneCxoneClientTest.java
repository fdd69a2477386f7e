package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every injection point of the CXone REST client gets the same client: with one per injection point, each made its own
 * HTTP client and pool, and the second registered the same {@code http.client.*} gauges again (Micrometer's "Gauge
 * already registered" WARN at the first CXone call after a health check).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class OneCxoneClientTest {
    @Test
    void theClientIsSharedByItsInjectionPoints() {
        CxoneApi first = Arc.container().instance(CxoneApi.class, RestClient.LITERAL).get();
        CxoneApi second = Arc.container().instance(CxoneApi.class, RestClient.LITERAL).get();
        assertSame(ClientProxy.unwrap(first), ClientProxy.unwrap(second));
    }
}
