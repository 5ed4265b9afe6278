package org.homeward.notifications.edge;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.Test;

/**
 * The notification API's rate limit per organisation (OWASP API4:2023): every request takes a token of its
 * organisation's bucket, the live stream one when it opens; over the quota the answer is 429
 * {@code too-many-requests} with Retry-After and the RateLimit-* headers, and nothing is stored. The organisation
 * {@code quota-test-org} has a quota of 3 requests, refilled at one per 50 s (application.properties, %test); other
 * organisations are unaffected.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class NotificationRateLimitTest {

    static final String LIMITED = "quota-test-org";
    static final String FEED = "{\"channel\": \"FEED\", \"caseIds\": [\"%s\"], \"minUrgency\": \"LOW\"}";

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @Test
    void api4_overItsQuotaAnOrganisationGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
        String advocate = Advocates.fresh();
        HttpResponse<InputStream> opened = openStream(advocate);
        try (InputStream events = opened.body()) {
            assertEquals(200, opened.statusCode());
            assertEquals("3", opened.headers().firstValue("RateLimit-Limit").orElse(null));
            assertEquals("2", opened.headers().firstValue("RateLimit-Remaining").orElse(null));
        }
        Advocates.as(LIMITED, advocate).get("/api/v1/subscriptions")
                .then().statusCode(200).header("RateLimit-Remaining", "1");
        Advocates.as(LIMITED, advocate).body(FEED.formatted(UUID.randomUUID())).post("/api/v1/subscriptions")
                .then().statusCode(201).header("RateLimit-Remaining", "0").header("RateLimit-Reset", notNullValue());

        Response refused = Advocates.as(LIMITED, advocate).body(FEED.formatted(UUID.randomUUID()))
                .post("/api/v1/subscriptions");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/too-many-requests"))
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", notNullValue());
        assertEquals(1, refused.getHeaders().getValues("RateLimit-Remaining").size(), "each header once");
        long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 50, "Retry-After in seconds: " + retryAfter);
        assertEquals(1, subscriptionsOf(advocate), "the refused subscription was not stored");

        HttpResponse<InputStream> notOpened = openStream(advocate);
        try (InputStream problem = notOpened.body()) {
            assertEquals(429, notOpened.statusCode(), "the stream takes a token when it opens");
            assertTrue(notOpened.headers().firstValue("Retry-After").isPresent());
        }

        // another organisation is unaffected
        Advocates.as("unlimited-" + UUID.randomUUID(), advocate).get("/api/v1/subscriptions")
                .then().statusCode(200).header("RateLimit-Remaining", notNullValue());
    }

    private HttpResponse<InputStream> openStream(String advocate) throws Exception {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(stream)
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + HomewardTestStack.token(LIMITED, advocate,
                                Roles.ADVOCATE)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
    }

    private static int subscriptionsOf(String advocate) throws Exception {
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("notifications"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                PreparedStatement count = db.prepareStatement(
                        "select count(*) from subscriptions where organisation = ? and advocate = ?")) {
            count.setString(1, LIMITED);
            count.setString(2, advocate);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
