package org.homeward.notifications.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Topics;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transitions from a real Kafka become exactly one notification each in a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
class NotificationFeedTest {

    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", HomewardTestStack.kafkaBootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void eachTransitionBecomesOneNotificationNewestFirstWhateverIsRedelivered() {
        UUID caseId = UUID.randomUUID();
        CaseTransition intent = transition(caseId, EventType.DEFECTION_INTENT_STATED, Urgency.HIGH, List.of(), 3);
        CaseTransition note = transition(caseId, EventType.NOTE_ADDED, Urgency.LOW, List.of(), 4);
        CaseTransition risk = transition(caseId, EventType.TRANSFERRED, Urgency.CRITICAL,
                List.of(Alert.FORCED_REPATRIATION_RISK), 5);
        publish(intent);
        publish(intent);
        publish(note);
        publish(risk);
        publish(note);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .queryParam("caseId", caseId.toString()).get("/api/v1/notifications")
                .then().statusCode(200).body("total", equalTo(3)));
        given().queryParam("caseId", caseId.toString()).get("/api/v1/notifications").then()
                .body("items.type", contains("TRANSFERRED", "NOTE_ADDED", "DEFECTION_INTENT_STATED"))
                .body("items.urgency", contains("CRITICAL", "LOW", "HIGH"))
                .body("items[0].alerts", contains("FORCED_REPATRIATION_RISK"))
                .body("items[0].caseId", equalTo(caseId.toString()));

        given().queryParam("caseId", caseId.toString()).queryParam("minUrgency", "HIGH")
                .get("/api/v1/notifications").then()
                .body("total", equalTo(2))
                .body("items.urgency", everyItem(not(equalTo("LOW"))));
    }

    @Test
    void badFiltersAreNamed() {
        given().queryParam("minUrgency", "URGENT").get("/api/v1/notifications").then().statusCode(422)
                .contentType("application/problem+json").body("errors.pointer", hasItem("minUrgency"));
        given().queryParam("caseId", "42").get("/api/v1/notifications").then().statusCode(422)
                .body("errors.pointer", hasItem("caseId"));
        given().queryParam("size", "0").get("/api/v1/notifications").then().statusCode(422)
                .body("errors.pointer", hasItem("size"));
    }

    @Test
    void healthReflectsKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    private static CaseTransition transition(UUID caseId, EventType type, Urgency urgency, List<Alert> alerts,
            long version) {
        return new CaseTransition(UUID.randomUUID(), caseId, UUID.randomUUID(), type, Category.NORTH_KOREAN_POW,
                TransitionStatus.APPLIED, CaseState.IN_CUSTODY, CaseState.IN_CUSTODY, null, urgency, alerts, version,
                Instant.parse("2025-01-09T06:00:00Z"), Instant.now(), Instant.now(), "org-test");
    }

    private static void publish(CaseTransition transition) {
        try {
            producer.send(new ProducerRecord<>(Topics.CASE_TRANSITIONS, transition.caseId().toString(),
                    EventCodec.encode(CloudEvent.transition(transition, "urn:homeward:test")))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
