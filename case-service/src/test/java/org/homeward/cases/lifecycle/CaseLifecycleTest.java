package org.homeward.cases.lifecycle;

import org.homeward.cases.Callers;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.Alert;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseTransition;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.EventCodec;
import org.homeward.events.IntentMethod;
import org.homeward.events.LetterReceived;
import org.homeward.events.Person;
import org.homeward.events.Resettled;
import org.homeward.events.Topics;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Transferred;
import org.homeward.events.Urgency;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The case service against a real Kafka and PostgreSQL: events in, state, timeline and transitions out. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class CaseLifecycleTest {

    private static KafkaProducer<String, byte[]> producer;
    private static TopicProbe transitions;
    private static TopicProbe deadLetters;

    @BeforeAll
    static void connect() {
        Callers.signInAsCaseworker();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", HomewardTestStack.kafkaBootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer());
        transitions = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_TRANSITIONS);
        deadLetters = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_EVENTS_DLQ);
    }

    @AfterAll
    static void disconnect() {
        Callers.signOut();
        producer.close();
        transitions.close();
        deadLetters.close();
    }

    @Test
    void theSeedStoryEndsTransferredWithItsTimelineInOrder() {
        UUID caseId = UUID.randomUUID();
        UUID letter = UUID.randomUUID();
        publish(caseId, UUID.randomUUID(), opened());
        publish(caseId, UUID.randomUUID(), new Captured("Ukraine", "Kursk front"));
        publish(caseId, letter, new LetterReceived("the person", "defector organisation", LocalDate.of(2025, 10, 28),
                LocalDate.of(2025, 11, 12), "ko", "wants to go to the South", "doc-118"));
        publish(caseId, UUID.randomUUID(), new DefectionIntentStated("South Korea", IntentMethod.LETTER, letter));
        publish(caseId, UUID.randomUUID(), new Transferred("Ukraine", "South Korea"));

        awaitCase(caseId, "TRANSFERRED");
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("category", equalTo("NORTH_KOREAN_POW"))
                .body("person.hangulName", equalTo("리광철"))
                .body("version", equalTo(4))
                .body("ownerOrganisation", equalTo("org-test"));
        given().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.type", contains("CASE_OPENED", "CAPTURED", "LETTER_RECEIVED", "DEFECTION_INTENT_STATED",
                        "TRANSFERRED"))
                .body("items.status", contains("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED"))
                .body("items.toState", contains("REPORTED", "IN_CUSTODY", "IN_CUSTODY", "INTENT_STATED",
                        "TRANSFERRED"))
                .body("items[1].heldBy", equalTo("Ukraine"))
                .body("items[4].to", equalTo("South Korea"))
                .body("items[0].reportedBy", equalTo("org-test"));

        List<CaseTransition> announced = transitionsOf(caseId, 5);
        assertEquals(List.of(Urgency.NORMAL, Urgency.HIGH, Urgency.NORMAL, Urgency.HIGH, Urgency.HIGH),
                announced.stream().map(CaseTransition::urgency).toList());
        assertTrue(announced.stream().allMatch(t -> t.category() == Category.NORTH_KOREAN_POW));
    }

    @Test
    void anIllegalEventIsKeptRejectedWithAReasonAndAnnounced() {
        UUID caseId = UUID.randomUUID();
        publish(caseId, UUID.randomUUID(), opened());
        UUID resettled = UUID.randomUUID();
        publish(caseId, resettled, new Resettled("Seoul"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/cases/{id}/timeline", caseId).then().body("total", equalTo(2)));
        given().get("/api/v1/cases/{id}/timeline", caseId).then()
                .body("items[1].eventId", equalTo(resettled.toString()))
                .body("items[1].status", equalTo("REJECTED"))
                .body("items[1].reason", containsString("not legal in state REPORTED"))
                .body("items[1].alerts", contains("DATA_QUALITY"))
                .body("items[1].place", equalTo("Seoul"));
        given().get("/api/v1/cases/{id}", caseId).then().body("state", equalTo("REPORTED"));

        CaseTransition rejected = transitionsOf(caseId, 2).get(1);
        assertEquals(TransitionStatus.REJECTED, rejected.status());
        assertEquals(List.of(Alert.DATA_QUALITY), rejected.alerts());
    }

    @Test
    void duplicatesStraightOnKafkaChangeNothing() {
        UUID caseId = UUID.randomUUID();
        UUID openId = UUID.randomUUID();
        UUID capturedId = UUID.randomUUID();
        publish(caseId, openId, opened());
        publish(caseId, capturedId, new Captured("Ukraine", "Kursk front"));
        publish(caseId, capturedId, new Captured("Ukraine", "Kursk front"));
        // The same id with a different body (a partner's retry gone wrong) is a duplicate too.
        publish(caseId, capturedId, new Captured("Russia", "elsewhere"));
        publish(caseId, openId, opened());
        UUID note = UUID.randomUUID();
        publish(caseId, note, new org.homeward.events.NoteAdded("after the duplicates"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/cases/{id}/timeline", caseId).then().body("items.eventId", hasSize(3))
                .body("items[2].eventId", equalTo(note.toString())));
        given().get("/api/v1/cases/{id}", caseId).then().body("state", equalTo("IN_CUSTODY"))
                .body("version", equalTo(2));
        given().get("/api/v1/cases/{id}/timeline", caseId).then().body("items[1].heldBy", equalTo("Ukraine"));
        assertEquals(3, transitionsOf(caseId, 3).size());
    }

    @Test
    void aForcedRepatriationRiskIsFlaggedOnTheCaseAndCritical() {
        UUID caseId = UUID.randomUUID();
        publish(caseId, UUID.randomUUID(), opened());
        publish(caseId, UUID.randomUUID(), new Captured("Ukraine", null));
        publish(caseId, UUID.randomUUID(), new DefectionIntentStated("South Korea", IntentMethod.INTERVIEW, null));
        UUID transfer = UUID.randomUUID();
        publish(caseId, transfer, new Transferred("Ukraine", "Russia"));

        awaitCase(caseId, "TRANSFERRED");
        given().get("/api/v1/cases/{id}", caseId).then()
                .body("conflicts", hasSize(1))
                .body("conflicts[0].kind", equalTo("FORCED_REPATRIATION_RISK"))
                .body("conflicts[0].eventId", equalTo(transfer.toString()));
        CaseTransition risk = transitionsOf(caseId, 4).get(3);
        assertEquals(Urgency.CRITICAL, risk.urgency());
        assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), risk.alerts());
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicAndTheNextOneIsTaken() {
        UUID caseId = UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, caseId.toString(),
                "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8)));
        publish(caseId, UUID.randomUUID(), opened());

        awaitCase(caseId, "REPORTED");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.records(caseId.toString()).size() == 1);
    }

    @Test
    void unknownCasesAnswer404AsAProblem() {
        given().get("/api/v1/cases/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/not-found"));
        given().get("/api/v1/cases/{id}/timeline?size=1000", UUID.randomUUID()).then().statusCode(422)
                .body("errors[0].pointer", equalTo("size"));
    }

    @Test
    void healthReflectsKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems(
                        "database", "SmallRye Reactive Messaging - readiness check"));
    }

    static CaseOpened opened() {
        return new CaseOpened(Category.NORTH_KOREAN_POW,
                new Person("리광철", List.of("Ri Gwang-cheol"), 2000, null, "Pyongyang"), "Kursk oblast",
                LocalDate.of(2025, 1, 9));
    }

    static void publish(UUID caseId, UUID eventId, CaseEventData data) {
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(eventId, caseId, "urn:homeward:test",
                Instant.parse("2025-01-09T06:00:00Z"), Instant.now(), "org-test", "tester", data);
        try {
            producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, caseId.toString(), EventCodec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitCase(UUID caseId, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/cases/{id}", caseId)
                .then().statusCode(200).body("state", equalTo(state)));
    }

    static List<CaseTransition> transitionsOf(UUID caseId, int expected) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> transitions.records(caseId.toString()).stream()
                        .map(r -> EventCodec.decodeTransition(r.value()).data()).toList(), t -> t.size() >= expected);
    }
}
