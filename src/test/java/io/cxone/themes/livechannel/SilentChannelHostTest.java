package io.cxone.themes.livechannel;

import static io.cxone.themes.livechannel.ChannelClientFailuresTest.WAIT;
import static io.cxone.themes.livechannel.ChannelClientFailuresTest.brand;
import static io.cxone.themes.livechannel.ChannelClientFailuresTest.requests;
import static io.cxone.themes.livechannel.ChannelClientFailuresTest.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A channel host that accepts the connection and never answers: only the client's own read timeout (2 s here) ends
 * each attempt. Its own application, because the other stub tests need a read timeout no stall of a busy machine hits.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@WithTestResource(value = ChannelStub.class, initArgs = @ResourceArg(name = "read-timeout", value = "2s"))
class SilentChannelHostTest {

    @Inject
    ChannelClient client;

    @Test
    void aSilentHostTimesOutAfterTheRetries() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub() + "/_reset")).build(),
                HttpResponse.BodyHandlers.discarding());
        // without the client's read timeout, the wait below would end in Mutiny's TimeoutException instead of fault
        // tolerance's, after the suite's ceiling
        Throwable e = assertThrows(Throwable.class, () -> client.fetch(brand("slow")).await().atMost(WAIT));
        assertInstanceOf(TimeoutException.class, e);
        assertTrue(e.getMessage().contains("sent nothing for 2000 ms"), e.getMessage());
        assertEquals(3, requests("slow").size());
    }
}
