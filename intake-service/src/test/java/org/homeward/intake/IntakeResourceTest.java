package org.homeward.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Person;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * Intake against a real Kafka broker and PostgreSQL: what it accepts is in the topic, keyed by case id, with who
 * reported it; an event for a case intake does not know is refused at the door.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class IntakeResourceTest {

    @Test
    void openingACasePublishesCaseOpenedKeyedByTheNewCaseIdWithWhoReportedIt() throws Exception {
        String org = "org-" + UUID.randomUUID();
        String caseId = Intake.as(org, "alice").body(Intake.OPEN)
                .when().post("/api/v1/cases")
                .then().statusCode(202).body("caseId", notNullValue()).body("eventId", notNullValue())
                .extract().path("caseId");

        CloudEvent<CaseEventData> event = Intake.awaitEvents(caseId, 1).get(0);
        assertEquals(EventType.CASE_OPENED, event.data().type());
        assertEquals("리광철", ((CaseOpened) event.data()).person().hangulName());
        assertEquals(org, event.reportedby());
        assertEquals("alice", event.submittedby());
        assertEquals(Instant.parse("2025-01-09T06:00:00Z"), event.time());
        assertTrue(event.receivedat().isAfter(Instant.now().minusSeconds(60)), "receivedAt defaults to now");
        assertEquals(org, owner(caseId), "the registry keeps who opened the case");
    }

    @Test
    void anEventIsPublishedWithItsTypedPayloadAndReporter() {
        String caseId = Intake.openCase();
        String eventId = partner().body("""
                        {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00+03:00", "receivedAt": "2025-01-10T00:00:00Z",
                         "heldBy": "Ukraine", "location": "Kursk front"}""")
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).body("caseId", equalTo(caseId)).extract().path("eventId");

        CloudEvent<CaseEventData> event = Intake.awaitEvents(caseId, 2).get(1);
        assertEquals(UUID.fromString(eventId), event.id());
        assertEquals(new Captured("Ukraine", "Kursk front"), event.data());
        assertEquals(Instant.parse("2025-01-09T03:00:00Z"), event.time());
        assertEquals(Instant.parse("2025-01-10T00:00:00Z"), event.receivedat());
        assertEquals(Intake.ORG, event.reportedby());
        assertEquals("caseworker-7", event.submittedby());
    }

    @Test
    void anEventForACaseThatDoesNotExistIsNotFoundAndNothingIsPublished() {
        String unknown = UUID.randomUUID().toString();
        partner().body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", unknown)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/case-not-found"))
                .body("errors.pointer", hasItem("caseId"));
        Intake.assertNothingPublishedFor(List.of(unknown));
    }

    @Test
    void theRegistryLearnsACaseFromCaseEventsWhenItsOpeningDidNotCommit() throws Exception {
        // As if intake's commit had failed after Kafka acknowledged CASE_OPENED: the event is in Kafka, the row is not.
        UUID caseId = UUID.randomUUID();
        CloudEvent<CaseEventData> opened = CloudEvent.caseEvent(UUID.randomUUID(), caseId, "urn:test", Instant.now(),
                Instant.now(), "families-union", null, new CaseOpened(Category.WAR_ABDUCTEE,
                        new Person(null, List.of("Lee Sun-ok"), 1931, null, null), null, null));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                HomewardTestStack.kafkaBootstrapServers(), "acks", "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, caseId.toString(), EventCodec.encode(opened))).get();
        }
        // the case is families-union's: its reporters may add events once the registry learned it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Intake.as("families-union", "reporter-1").body(Intake.CAPTURED)
                        .when().post("/api/v1/cases/{id}/events", caseId)
                        .then().statusCode(202));
        assertEquals("families-union", owner(caseId.toString()));
        partner().body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(404);
    }

    @Test
    void browsersOfOtherOriginsAreRefusedAndServersAreNot() {
        partner().header("Origin", "https://elsewhere.example").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(403).header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        partner().body(Intake.OPEN).when().post("/api/v1/cases").then().statusCode(202)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void readinessIsUpWithKafkaAndTheDatabase() {
        io.restassured.RestAssured.given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    static String owner(String caseId) throws Exception {
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("intake"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                PreparedStatement select = db.prepareStatement(
                        "select owner_organisation from cases where case_id = ?::uuid")) {
            select.setString(1, caseId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
