package org.homeward.notifications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen (SIGSTOP of the postmaster and its backends): the notification service answers reads and writes
 * 503 {@code dependency-unavailable} with Retry-After within the documented bound, readiness turns DOWN and liveness
 * stays UP; once PostgreSQL continues it is ready by itself, the subscription refused meanwhile was not half-made, and
 * a transition that arrived during the freeze is notified, once.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class NotificationBoundedAnswersTest {

    /** docs/reliability.md: 2 s for a connection plus 5 s for one database answer, 10 s in all; margin for load. */
    static final Duration BOUND = Duration.ofSeconds(10 + 8);
    static final String FEED = "{\"channel\": \"FEED\", \"caseIds\": [\"%s\"], \"minUrgency\": \"LOW\"}";

    @Test
    void withPostgresFrozenRequestsAreAnswered503WithinTheBoundAndNothingIsHalfWritten() {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String feed = FEED.formatted(caseId);
        Advocates.subscribe(advocate, feed);
        // The consumer takes transitions before the freeze (its partitions are assigned, it works).
        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Advocates.as(advocate)
                .get("/api/v1/notifications").then().statusCode(200).body("total", equalTo(1)));

        HomewardTestStack.pausePostgres();
        try {
            Transitions.publish(Transitions.of(caseId, EventType.NOTE_ADDED, Urgency.LOW)); // waits for the database
            assertBounded503(() -> Advocates.as(advocate).get("/api/v1/subscriptions"));
            assertBounded503(() -> Advocates.as(advocate).body(feed).post("/api/v1/subscriptions"));
            assertBounded503(() -> Advocates.as(advocate).get("/api/v1/notifications"));

            long start = System.nanoTime();
            await().atMost(BOUND).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN")));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(BOUND) < 0);
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            HomewardTestStack.resumePostgres();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        Advocates.as(advocate).get("/api/v1/subscriptions").then().statusCode(200)
                .body("items", hasSize(1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Advocates.as(advocate)
                .get("/api/v1/notifications").then().statusCode(200).body("total", equalTo(2)));
        Advocates.as(advocate).get("/api/v1/notifications").then()
                .body("items.type", org.hamcrest.Matchers.contains("NOTE_ADDED", "CAPTURED"));
    }

    private static void assertBounded503(Supplier<Response> request) {
        long start = System.nanoTime();
        Response answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        answer.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("type", equalTo("https://homeward.org/problems/dependency-unavailable"));
        assertTrue(took.compareTo(BOUND) < 0, "answered within the bound, took " + took);
    }
}
