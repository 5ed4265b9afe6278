package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.Captured;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Intake against a real Kafka broker: what it accepts is in the topic, keyed by case id; what it refuses is not. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class IntakeResourceTest {

    static final String OPEN = """
            {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
             "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000},
             "placeTaken": "Kursk oblast"}""";

    private static TopicProbe events;

    @BeforeAll
    static void probe() {
        events = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_EVENTS);
    }

    @AfterAll
    static void closeProbe() {
        events.close();
    }

    @Test
    void openingACasePublishesCaseOpenedKeyedByTheNewCaseId() {
        String org = "org-" + UUID.randomUUID();
        String caseId = given().contentType(ContentType.JSON).header("Homeward-Organisation", org)
                .header("Homeward-User", "alice").body(OPEN)
                .when().post("/api/v1/cases")
                .then().statusCode(202).body("caseId", notNullValue()).body("eventId", notNullValue())
                .extract().path("caseId");

        CloudEvent<CaseEventData> event = awaitOne(caseId);
        assertEquals(EventType.CASE_OPENED, event.data().type());
        assertEquals("리광철", ((CaseOpened) event.data()).person().hangulName());
        assertEquals(org, event.reportedby());
        assertEquals("alice", event.submittedby());
        assertEquals(Instant.parse("2025-01-09T06:00:00Z"), event.time());
        assertTrue(event.receivedat().isAfter(Instant.now().minusSeconds(60)), "receivedAt defaults to now");
    }

    @Test
    void anEventIsPublishedWithItsTypedPayload() {
        String caseId = UUID.randomUUID().toString();
        String eventId = given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .body("""
                        {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00+03:00", "receivedAt": "2025-01-10T00:00:00Z",
                         "heldBy": "Ukraine", "location": "Kursk front"}""")
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).body("caseId", equalTo(caseId)).extract().path("eventId");

        CloudEvent<CaseEventData> event = awaitOne(caseId);
        assertEquals(UUID.fromString(eventId), event.id());
        assertEquals(new Captured("Ukraine", "Kursk front"), event.data());
        assertEquals(Instant.parse("2025-01-09T03:00:00Z"), event.time());
        assertEquals(Instant.parse("2025-01-10T00:00:00Z"), event.receivedat());
    }

    @Test
    void invalidFieldsAreNamedByPointerAndNothingIsPublished() {
        String caseId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .body("""
                        {"occurredAt": "yesterday", "category": "ALIEN", "person": {"hangulName": ""}}""")
                .when().post("/api/v1/cases")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/validation"))
                .body("errors.pointer", hasItems("/occurredAt", "/category"));

        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .body("""
                        {"occurredAt": "2025-01-09T06:00:00Z", "category": "DEFECTOR", "person": {"hangulName": " "}}""")
                .when().post("/api/v1/cases")
                .then().statusCode(422).body("errors.pointer", hasItem("/person/hangulName"));

        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .body("""
                        {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine", "guards": 3}""")
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).body("errors.pointer", hasItem("/guards"));

        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .body("""
                        {"type": "CAPTURED", "occurredAt": "2999-01-09T06:00:00Z"}""")
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).body("errors.pointer", hasItems("/occurredAt", "/heldBy"));

        assertNothingPublishedFor(caseId);
    }

    @Test
    void anUnknownTypeListsTheValidOnes() {
        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .body("""
                        {"type": "TELEPORTED", "occurredAt": "2025-01-09T06:00:00Z"}""")
                .when().post("/api/v1/cases/{id}/events", UUID.randomUUID())
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/unknown-event-type"))
                .body("detail", containsString("DEFECTION_INTENT_STATED"))
                .body("detail", not(containsString("CASE_OPENED")));
    }

    @Test
    void malformedJsonWrongContentTypeAndMissingHeaderEachHaveTheirProblem() {
        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a").body("{\"type\": ")
                .when().post("/api/v1/cases/{id}/events", UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/malformed-json"));

        given().contentType(ContentType.TEXT).header("Homeward-Organisation", "org-a").body("hello")
                .when().post("/api/v1/cases")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/unsupported-media-type"));

        given().contentType(ContentType.JSON).body(OPEN)
                .when().post("/api/v1/cases")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("Homeward-Organisation"));

        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a").body(OPEN)
                .when().post("/api/v1/cases/{id}/events", "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anOversizedBodyIsRefusedWithAProblemThatNamesTheLimit() {
        String huge = "{\"type\": \"NOTE_ADDED\", \"text\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a").body(huge)
                .when().post("/api/v1/cases/{id}/events", UUID.randomUUID())
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/payload-too-large"))
                .body("detail", containsString("2M"));
    }

    @Test
    void problemsNeverEchoStackTracesOrClassNames() {
        String body = given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .body("{\"type\": \"CAPTURED\", \"occurredAt\": [1,2]}")
                .when().post("/api/v1/cases/{id}/events", UUID.randomUUID())
                .then().statusCode(422).extract().asString();
        assertTrue(!body.contains("Exception") && !body.contains("org.homeward") && !body.contains("jackson"), body);
    }

    @Test
    void anIdempotencyKeyYieldsTheSameIdsOnRetry() {
        String key = UUID.randomUUID().toString();
        var first = given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .header("Idempotency-Key", key).body(OPEN)
                .when().post("/api/v1/cases").then().statusCode(202).extract().jsonPath();
        var retry = given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .header("Idempotency-Key", key).body(OPEN)
                .when().post("/api/v1/cases").then().statusCode(202).extract().jsonPath();
        var otherOrg = given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-b")
                .header("Idempotency-Key", key).body(OPEN)
                .when().post("/api/v1/cases").then().statusCode(202).extract().jsonPath();

        assertEquals(first.getString("caseId"), retry.getString("caseId"));
        assertEquals(first.getString("eventId"), retry.getString("eventId"));
        assertTrue(!first.getString("caseId").equals(otherOrg.getString("caseId")), "keys are per organisation");

        // The same key for another case or another content is another event: nothing is dropped as a duplicate.
        String capture = """
                {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine"}""";
        String onFirst = eventWithKey(first.getString("caseId"), key, capture);
        assertEquals(onFirst, eventWithKey(first.getString("caseId"), key, capture), "a retry");
        assertTrue(!onFirst.equals(eventWithKey(otherOrg.getString("caseId"), key, capture)), "another case");
        assertTrue(!onFirst.equals(eventWithKey(first.getString("caseId"), key, capture.replace("Ukraine", "Russia"))),
                "another content");

        given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .header("Idempotency-Key", "has space").body(OPEN)
                .when().post("/api/v1/cases").then().statusCode(422).body("errors.pointer", hasItem("Idempotency-Key"));
    }

    @Test
    void healthIsUpWithKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String eventWithKey(String caseId, String key, String body) {
        return given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a")
                .header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(202).extract().path("eventId");
    }

    private static CloudEvent<CaseEventData> awaitOne(String caseId) {
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(20))
                .until(() -> events.records(caseId), r -> !r.isEmpty());
        assertEquals(1, records.size());
        return EventCodec.decodeCaseEvent(records.get(0).value());
    }

    private static void assertNothingPublishedFor(String caseId) {
        // Publish a marker after the refused requests: once it is visible, anything published before it would be too.
        String marker = given().contentType(ContentType.JSON).header("Homeward-Organisation", "org-a").body(OPEN)
                .when().post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
        awaitOne(marker);
        assertEquals(List.of(), events.records(caseId));
    }
}
