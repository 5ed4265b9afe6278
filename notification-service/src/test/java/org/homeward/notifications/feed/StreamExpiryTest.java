package org.homeward.notifications.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * A live stream never outlives its token (issue 15, point 5): it closes when the token's {@code exp} passes, and a
 * token past its {@code exp} (but within the verifier's clock skew) opens none.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class StreamExpiryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @Test
    void theStreamClosesWhenItsTokenExpires() throws Exception {
        String advocate = Advocates.fresh();
        JwtClaims claims = HomewardTestStack.tokens().claims(Advocates.organisation(), advocate, Duration.ofSeconds(5),
                Roles.ADVOCATE);
        Instant expiry = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(stream)
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + HomewardTestStack.tokens().sign(claims)).GET().build(),
                HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<Instant> ended = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the server ended the stream
            }
            ended.set(Instant.now());
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();

        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.startsWith(":") && l.contains("connected")));
        assertTrue(ended.get() == null, "the stream is open while its token is valid");

        await().atMost(Duration.between(Instant.now(), expiry).plusSeconds(10)).until(() -> ended.get() != null);
        long lateByMillis = Duration.between(expiry, ended.get()).toMillis();
        System.out.printf("stream ended %d ms after the token's exp%n", lateByMillis);
        assertTrue(lateByMillis >= -250, "the stream ended " + -lateByMillis + " ms before the token expired");
        assertTrue(lateByMillis <= 2000, "the stream ended " + lateByMillis + " ms after the token expired");
    }

    @Test
    void aTokenPastItsExpiryWithinTheClockSkewOpensNoStream() throws Exception {
        String advocate = Advocates.fresh();
        JwtClaims claims = HomewardTestStack.tokens().claims(Advocates.organisation(), advocate, Duration.ofMinutes(1),
                Roles.ADVOCATE);
        long now = NumericDate.now().getValue();
        claims.setIssuedAt(NumericDate.fromSeconds(now - 30));
        claims.setExpirationTime(NumericDate.fromSeconds(now - 5));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + HomewardTestStack.tokens().sign(claims)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("https://homeward.org/problems/unauthorized"), response.body());
    }
}
