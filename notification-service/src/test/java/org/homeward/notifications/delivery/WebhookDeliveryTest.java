package org.homeward.notifications.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.delivery.webhook.WebhookSignature;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Receiver;
import org.homeward.notifications.support.Receiver.Answer;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real HTTP receiver: Standard Webhooks signatures, the body, the retry schedule on 500s, 429 with
 * Retry-After, the dead letter and its replay, and a slow receiver that delays no one else. The test profile's
 * schedule: 4 attempts, waits of 0.5 s, 1 s, 2 s (factor 2, jitter 20 %), request timeout 2 s.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static Receiver receiver;

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void aSignedBodyWithIdsTypesTimesAndTheCaseLinkAndNothingPersonal() throws Exception {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/ok-" + caseId;
        JsonPath subscription = Advocates.subscribe(advocate, webhook(path, caseId, "LOW"));
        String secret = subscription.getString("secret");
        CaseTransition risk = Transitions.of(caseId, Category.NORTH_KOREAN_POW, EventType.TRANSFERRED,
                Urgency.CRITICAL, org.homeward.events.ReasonCode.FORCED_REPATRIATION_RISK,
                Alert.FORCED_REPATRIATION_RISK);
        Transitions.publish(risk);

        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1);
        Receiver.Request request = receiver.requests(path).get(0);
        assertEquals("application/json", request.header("content-type"));
        assertEquals("Homeward-Webhooks/1", request.header("user-agent"));
        String id = request.header("webhook-id");
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 300, "a fresh timestamp");
        assertTrue(request.header("webhook-signature").startsWith("v1,"));
        assertTrue(WebhookSignature.verify(secret, id, timestamp, request.body(), request.header("webhook-signature")),
                "the signature verifies with the secret shown at creation");
        assertFalse(WebhookSignature.verify("whsec_" + "A".repeat(44), id, timestamp, request.body(),
                request.header("webhook-signature")), "and with no other secret");

        JsonNode body = EventCodec.mapper().readTree(request.body());
        assertEquals("case.transition", body.path("type").asText());
        JsonNode data = body.path("data");
        assertEquals(id, data.path("notificationId").asText());
        assertEquals(subscription.getString("id"), data.path("subscriptionId").asText());
        assertEquals(caseId.toString(), data.path("caseId").asText());
        assertEquals(risk.eventId().toString(), data.path("eventId").asText());
        assertEquals("TRANSFERRED", data.path("eventType").asText());
        assertEquals("CRITICAL", data.path("urgency").asText());
        assertEquals("FORCED_REPATRIATION_RISK", data.path("alerts").path(0).asText());
        assertEquals("2025-10-28T00:00:00Z", data.path("occurredAt").asText());
        assertEquals("2025-11-12T08:00:00Z", data.path("receivedAt").asText());
        assertEquals("http://localhost:8082/api/v1/cases/" + caseId, data.path("caseUrl").asText());
        Set<String> fields = new HashSet<>();
        data.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("notificationId", "subscriptionId", "caseId", "eventId", "eventType", "category",
                "status", "fromState", "toState", "urgency", "alerts", "occurredAt", "receivedAt", "caseUrl"), fields);
        assertFalse(request.body().contains("\"reason\""),
                "the reason code stays out of the body: the alerts say it");

        Advocates.as(advocate).queryParam("subscriptionId", subscription.getString("id"))
                .get("/api/v1/deliveries").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].notificationId", equalTo(id))
                .body("items[0].attempts.outcome", contains("DELIVERED"))
                .body("items[0].attempts.statusCode", contains(204));
    }

    @Test
    void fiveHundredsAreRetriedOnTheScheduleThenDeadLetteredAndReplayedOnRequest() {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/fail-" + caseId;
        AtomicBoolean failing = new AtomicBoolean(true);
        receiver.on(path, r -> Answer.of(failing.get() ? 500 : 200));
        JsonPath subscription = Advocates.subscribe(advocate, webhook(path, caseId, "LOW"));
        Transitions.publish(Transitions.of(caseId, EventType.DEFECTION_INTENT_STATED, Urgency.HIGH));

        await().atMost(WAIT).untilAsserted(() -> deliveries(advocate, subscription, "DEAD")
                .body("total", equalTo(1)));
        JsonPath dead = deliveries(advocate, subscription, "DEAD")
                .body("items[0].attempts.outcome", contains("RETRY", "RETRY", "RETRY", "DEAD"))
                .body("items[0].attempts.statusCode", contains(500, 500, 500, 500))
                .body("items[0].attempts.attempt", contains(1, 2, 3, 4))
                .body("items[0].lastError", equalTo("HTTP 500"))
                .extract().jsonPath();
        // Each scheduled wait is the nominal one (0.5 s, 1 s, 2 s) within the 20 % jitter.
        double[] nominal = {0.5, 1.0, 2.0};
        for (int i = 0; i < 3; i++) {
            Instant ended = Instant.parse(dead.getString("items[0].attempts[" + i + "].startedAt"))
                    .plusMillis(dead.getLong("items[0].attempts[" + i + "].durationMs"));
            double wait = Duration.between(ended,
                    Instant.parse(dead.getString("items[0].attempts[" + i + "].nextAttemptAt"))).toMillis() / 1000.0;
            assertTrue(wait >= nominal[i] * 0.8 - 0.05 && wait <= nominal[i] * 1.2 + 0.5,
                    "wait after attempt " + (i + 1) + " was " + wait + " s");
        }
        List<Receiver.Request> tries = receiver.requests(path);
        assertEquals(4, tries.size(), "the receiver saw every attempt");
        assertEquals(1, tries.stream().map(r -> r.header("webhook-id")).distinct().count(),
                "every retry carries the same webhook-id");
        for (int i = 1; i < tries.size(); i++) {
            long gapMillis = (tries.get(i).receivedNanos() - tries.get(i - 1).receivedNanos()) / 1_000_000;
            assertTrue(gapMillis >= (long) (nominal[i - 1] * 800) - 50, "gap " + i + " was " + gapMillis + " ms");
        }

        String deliveryId = dead.getString("items[0].id");
        Advocates.as(Advocates.fresh()).post("/api/v1/deliveries/{id}/retry", deliveryId).then().statusCode(404);
        failing.set(false);
        Advocates.as(advocate).post("/api/v1/deliveries/{id}/retry", deliveryId).then().statusCode(202)
                .body("status", equalTo("PENDING"));
        await().atMost(WAIT).untilAsserted(() -> deliveries(advocate, subscription, "DELIVERED")
                .body("total", equalTo(1))
                .body("items[0].attempts.outcome", contains("RETRY", "RETRY", "RETRY", "DEAD", "DELIVERED")));
        Advocates.as(advocate).post("/api/v1/deliveries/{id}/retry", deliveryId).then().statusCode(409)
                .body("type", equalTo("https://homeward.org/problems/conflict"));
    }

    @Test
    void tooManyRequestsWaitsAtLeastAsLongAsRetryAfterSays() {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/busy-" + caseId;
        AtomicInteger calls = new AtomicInteger();
        receiver.on(path, r -> calls.incrementAndGet() == 1 ? new Answer(429, Map.of("Retry-After", "3"))
                : Answer.of(202));
        JsonPath subscription = Advocates.subscribe(advocate, webhook(path, caseId, "LOW"));
        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));

        await().atMost(WAIT).untilAsserted(() -> deliveries(advocate, subscription, "DELIVERED")
                .body("items[0].attempts.statusCode", contains(429, 202)));
        List<Receiver.Request> tries = receiver.requests(path);
        long gapMillis = (tries.get(1).receivedNanos() - tries.get(0).receivedNanos()) / 1_000_000;
        assertTrue(gapMillis >= 2950, "Retry-After: 3 honoured (the back-off alone would be 0.4-0.6 s); was "
                + gapMillis + " ms");
    }

    @Test
    void aRefusalOtherThanTimeoutsFiveHundredsAnd429IsDeadAtOnce() {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/gone-" + caseId;
        receiver.on(path, r -> Answer.of(410));
        JsonPath subscription = Advocates.subscribe(advocate, webhook(path, caseId, "LOW"));
        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));

        await().atMost(WAIT).untilAsserted(() -> deliveries(advocate, subscription, "DEAD")
                .body("items[0].attempts.outcome", contains("DEAD"))
                .body("items[0].attempts.statusCode", contains(410)));
    }

    @Test
    void aSlowReceiverDelaysNoOtherSubscription() throws Exception {
        UUID caseId = UUID.randomUUID();
        String slowPath = "/slow-" + caseId;
        String fastPath = "/fast-" + caseId;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        receiver.on(slowPath, r -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return Answer.of(204);
        });
        Advocates.subscribe(Advocates.fresh(), webhook(slowPath, caseId, "LOW"));
        Advocates.subscribe(Advocates.fresh(), webhook(fastPath, caseId, "LOW"));
        int transitions = 12;
        for (int i = 0; i < transitions; i++) {
            Transitions.publish(Transitions.of(caseId, EventType.LETTER_RECEIVED, Urgency.NORMAL));
        }
        try {
            await().atMost(WAIT).until(() -> receiver.requests(fastPath).size() == transitions);
            assertEquals(1, release.getCount(), "the slow receiver is still holding its requests");
            assertFalse(receiver.requests(slowPath).isEmpty(), "the slow receiver was called meanwhile");
            assertTrue(mostInside.get() <= 4, "at most 4 attempts at once for one subscription; saw "
                    + mostInside.get());
            assertEquals(transitions, receiver.requests(fastPath).stream().map(r -> r.header("webhook-id"))
                    .distinct().count());
        } finally {
            release.countDown();
        }
    }

    private static io.restassured.response.ValidatableResponse deliveries(String advocate, JsonPath subscription,
            String status) {
        return Advocates.as(advocate).queryParam("subscriptionId", subscription.getString("id"))
                .queryParam("status", status).get("/api/v1/deliveries").then().statusCode(200);
    }

    private static String webhook(String path, UUID caseId, String minUrgency) {
        return """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "%s"}"""
                .formatted(receiver.url(path), caseId, minUrgency);
    }
}
