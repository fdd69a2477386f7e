package io.cxone.themes.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** Fires many GETs at once (all sent before any answer is awaited), as a burst of portal users would. */
public final class ParallelCalls {
    private ParallelCalls() {
    }

    /** Answers the responses in the order of {@code urls}. */
    public static List<HttpResponse<String>> get(List<URI> urls, String bearer) {
        var executor = Executors.newFixedThreadPool(64);
        try {
            HttpClient client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> futures = urls.stream()
                    .map(url -> HttpRequest.newBuilder(url).header("Authorization", bearer)
                            .timeout(Duration.ofSeconds(120)).GET().build())
                    .map(request -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                    .toList();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            executor.shutdownNow(); // Java 17: ExecutorService is not AutoCloseable yet
        }
    }
}
