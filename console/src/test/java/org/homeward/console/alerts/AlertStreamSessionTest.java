package org.homeward.console.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.homeward.console.support.Browser;
import org.junit.jupiter.api.Test;

/**
 * The relayed live stream ends with the session that opened it (issue 15, point 5): after sign-out the browser's
 * stream and the console's upstream connection to notification-service both close within about a second, and the
 * browser's reconnection is refused. (notification-service itself ends the upstream when the token expires:
 * {@code StreamExpiryTest} there.)
 */
@QuarkusTest
@TestProfile(AlertStreamSessionTest.OwnStandIn.class)
class AlertStreamSessionTest {

    /** Runs the console against {@link OpenStreamStandIn} only. */
    public static class OwnStandIn implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OpenStreamStandIn.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @TestHTTPResource("/alerts/stream")
    URI stream;

    @Test
    void theStreamEndsWhenTheSessionEnds() throws Exception {
        Browser browser = Browser.signedIn("advocate-stream", "advocate");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream")
                .header("Cookie", "homeward_session=" + browser.session()).GET().build();
        HttpResponse<Stream<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<Instant> ended = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the console ended the stream
            }
            ended.set(Instant.now());
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains("keep-alive")));
        assertEquals(1, OpenStreamStandIn.OPEN.get(), "one upstream stream while the page is open");
        assertNull(ended.get(), "the stream stays open while the session lives");

        OpenStreamStandIn.CLOSED.set(null);
        Instant signedOut = Instant.now();
        browser.form().post("/sign-out").then().statusCode(303);

        await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> OpenStreamStandIn.CLOSED.get() != null);
        long browserMillis = Duration.between(signedOut, ended.get()).toMillis();
        long upstreamMillis = Duration.between(signedOut, OpenStreamStandIn.CLOSED.get()).toMillis();
        System.out.printf("after sign-out: the browser's stream ended in %d ms, the upstream one in %d ms%n",
                browserMillis, upstreamMillis);
        assertTrue(browserMillis <= 2500, "the browser's stream ended " + browserMillis + " ms after sign-out");
        assertTrue(upstreamMillis <= 2500, "the upstream stream ended " + upstreamMillis + " ms after sign-out");
        assertEquals(0, OpenStreamStandIn.OPEN.get(), "no upstream stream is left open");

        HttpResponse<String> again = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(401, again.statusCode(), "the reconnection of a session that ended is refused");
    }
}
