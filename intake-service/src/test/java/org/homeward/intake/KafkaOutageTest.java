package org.homeward.intake;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * Kafka stopped: intake answers 503 with Retry-After within its bound, publishes nothing, and reports not ready; once
 * Kafka is back it is ready again by itself and a retry is accepted. (UnknownOutcomeTest covers a broker that hangs.)
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class KafkaOutageTest {

    /**
     * The documented bound on a refused request: the delivery timeout (3 s) plus, when the producer has no metadata
     * yet, the same again, plus the await margin (1 s): 7 s. The margin on top is for a loaded build machine.
     */
    static final Duration BOUND = Duration.ofSeconds(7 + 5);
    /**
     * A stopped broker drops the topic from the producer's metadata, so a record is usually never sent
     * ({@code broker-unavailable}); one queued before that is answered {@code outcome-unknown}. Both are honest.
     */
    static final org.hamcrest.Matcher<Object> NOT_STORED_OR_UNKNOWN = org.hamcrest.Matchers.oneOf(
            "https://homeward.org/problems/broker-unavailable", "https://homeward.org/problems/outcome-unknown");

    @Test
    void withKafkaStoppedIntakeAnswers503PublishesNothingAndRecoversByItself() {
        String caseId = Intake.openCase();
        Intake.awaitEvents(caseId, 1);
        String key = Intake.newKey();
        int before = Intake.published();

        HomewardTestStack.interruptKafka();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RestAssured.given().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN")));

            long start = System.nanoTime();
            partner().header("Idempotency-Key", key).body(Intake.CAPTURED)
                    .when().post("/api/v1/cases/{id}/events", caseId)
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", NOT_STORED_OR_UNKNOWN);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(BOUND) < 0, "answered within the bound, took " + took);

            partner().body(Intake.OPEN).when().post("/api/v1/cases")
                    .then().statusCode(503).header("Retry-After", "5")
                    .body("type", NOT_STORED_OR_UNKNOWN);

            partner().body("[" + BatchTest.item(caseId, Intake.CAPTURED) + "," + BatchTest.item(caseId,
                            "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"after\"}") + "]")
                    .when().post("/api/v1/events:batch")
                    .then().statusCode(200).header("Retry-After", "5")
                    .body("accepted", equalTo(0))
                    .body("items[0].problem.type", NOT_STORED_OR_UNKNOWN)
                    .body("items[1].problem.type", equalTo("https://homeward.org/problems/broker-unavailable"))
                    .body("items[1].problem.detail", org.hamcrest.Matchers.containsString("earlier event of the same case"));

            partner().contentType("text/csv; charset=UTF-8").body("category,hangulName\nWAR_ABDUCTEE,이선옥\n")
                    .when().post("/api/v1/cases:import")
                    .then().statusCode(200).body("accepted", equalTo(0))
                    .body("items[0].problem.type", NOT_STORED_OR_UNKNOWN);
        } finally {
            HomewardTestStack.resumeKafka();
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> RestAssured.given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        assertEquals(before, Intake.published(), "nothing of the refused requests reached Kafka");

        // The partner's retry, with the same key, is accepted now, once.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> partner().header("Idempotency-Key", key)
                .body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(202));
        assertEquals(2, Intake.awaitEvents(caseId, 2).size());
        assertEquals(before + 1, Intake.published());
    }
}
