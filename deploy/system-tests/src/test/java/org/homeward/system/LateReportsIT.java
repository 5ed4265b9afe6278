package org.homeward.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports that arrive late, disagree or are taken back, driven only through the three services' REST APIs with the
 * packaged services running as separate processes against a real Kafka broker and a real PostgreSQL: each case is
 * derived in the order things happened, whatever order the reports arrived in, and the advocates hear of every
 * conflict that order reveals.
 */
class LateReportsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROBLEMS = "https://homeward.org/problems/";
    private static final String ORG = "defector-org";
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("homeward.root", "../..")).toAbsolutePath().normalize();
        system = LocalSystem.start(LocalSystem.Options.forTests(root, Path.of("target", "system-late-reports")),
                System.out);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aLateCaptureIsPlacedAtItsTimeAndTheTimelineListsEntriesByWhenTheyHappened() {
        Opened opening = openNorthKoreanPow("Pak Chol-ung");
        String caseId = opening.caseId();
        String opened = opening.eventId();
        String intent = report(caseId, """
                {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2025-10-28T00:00:00Z",
                 "destination": "South Korea", "method": "LETTER"}""");
        String captured = report(caseId, """
                {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine", "location": "Kursk front"}""");

        awaitVersion(caseId, 2);
        cases().get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("state", equalTo("INTENT_STATED"));
        cases().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.type", contains("CASE_OPENED", "CAPTURED", "DEFECTION_INTENT_STATED"))
                .body("items.eventId", contains(opened, captured, intent))
                .body("items.status", contains("APPLIED", "APPLIED", "APPLIED"))
                .body("items[1].fromState", equalTo("REPORTED"))
                .body("items[1].toState", equalTo("IN_CUSTODY"))
                .body("items[2].fromState", equalTo("IN_CUSTODY"))
                .body("items[2].toState", equalTo("INTENT_STATED"));
        List<Integer> sequences = cases().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId)
                .then().statusCode(200)
                .body("items.type", contains("CASE_OPENED", "DEFECTION_INTENT_STATED", "CAPTURED"))
                .body("items.eventId", contains(opened, intent, captured))
                .extract().path("items.sequence");
        assertTrue(sequences.get(0) < sequences.get(1) && sequences.get(1) < sequences.get(2), sequences::toString);
    }

    @Test
    void aForcedRepatriationIsCaughtWhateverOrderTheReportsArriveIn() {
        String advocate = "advocate-" + UUID.randomUUID();
        subscribe(advocate, "{\"channel\": \"FEED\", \"categories\": [\"NORTH_KOREAN_POW\"], \"minUrgency\": \"HIGH\"}");
        String caseId = openNorthKoreanPow("Han Song-il").caseId();
        report(caseId, """
                {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine"}""");
        String transfer = report(caseId, """
                {"type": "TRANSFERRED", "occurredAt": "2026-02-01T09:00:00Z", "from": "Ukraine", "to": "Pyongyang"}""");
        awaitVersion(caseId, 2);
        cases().get("/api/v1/cases/{id}", caseId).then()
                .body("state", equalTo("TRANSFERRED")).body("conflicts", empty());

        // The letter stating his intent, written months before the transfer, reaches the organisation afterwards.
        String intent = report(caseId, """
                {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2025-10-28T00:00:00Z",
                 "destination": "South Korea", "method": "LETTER"}""");

        await().atMost(WAIT).untilAsserted(() -> feed(advocate, caseId)
                .body("items.find { it.eventId == '" + intent + "' }.urgency", equalTo("CRITICAL"))
                .body("items.find { it.eventId == '" + intent + "' }.type", equalTo("DEFECTION_INTENT_STATED"))
                .body("items.find { it.eventId == '" + intent + "' }.alerts", hasItem("FORCED_REPATRIATION_RISK")));
        cases().get("/api/v1/cases/{id}", caseId).then()
                .body("state", equalTo("TRANSFERRED"))
                .body("conflicts.kind", contains("FORCED_REPATRIATION_RISK"))
                .body("conflicts[0].eventId", equalTo(transfer))
                .body("conflicts[0].detectedAt", notNullValue());

        // A request, after the intent, to send him somewhere nobody recognises: a person must check where that is.
        String request = report(caseId, """
                {"type": "TRANSFER_REQUESTED", "occurredAt": "2025-12-01T00:00:00Z", "requestedBy": "Ukraine",
                 "to": "an undisclosed third country"}""");

        await().atMost(WAIT).untilAsserted(() -> feed(advocate, caseId)
                .body("items.find { it.eventId == '" + request + "' }.urgency", equalTo("HIGH"))
                .body("items.find { it.eventId == '" + request + "' }.type", equalTo("TRANSFER_REQUESTED"))
                .body("items.find { it.eventId == '" + request + "' }.alerts", hasItem("UNRECOGNISED_DESTINATION")));
        feed(advocate, caseId).body("items.urgency", everyItem(oneOf("HIGH", "CRITICAL")));
        cases().get("/api/v1/cases/{id}", caseId).then()
                .body("conflicts.kind", hasItems("FORCED_REPATRIATION_RISK", "UNRECOGNISED_DESTINATION"))
                .body("conflicts.find { it.kind == 'UNRECOGNISED_DESTINATION' }.eventId", equalTo(request))
                .body("conflicts.find { it.kind == 'FORCED_REPATRIATION_RISK' }.eventId", equalTo(transfer));
    }

    @Test
    void aDisputedDeathIsFlaggedAndRetractingTheWrongReportPutsTheCaseBack() {
        String advocate = "advocate-" + UUID.randomUUID();
        subscribe(advocate, "{\"channel\": \"FEED\", \"categories\": [\"WAR_ABDUCTEE\"], \"minUrgency\": \"LOW\"}");
        String caseId = open("""
                {"occurredAt": "1950-09-15T00:00:00Z", "category": "WAR_ABDUCTEE",
                 "person": {"romanizedNames": ["Choi Dong-su"], "birthYear": 1930, "sex": "MALE"},
                 "placeTaken": "Seoul", "dateTaken": "1950-09-15"}""").caseId();
        String death = report(caseId, """
                {"type": "DEATH_REPORTED", "occurredAt": "2018-04-01T00:00:00Z", "source": "KCNA",
                 "dateOfDeath": "2018-03-01"}""");
        String seen = report(caseId, """
                {"type": "PROOF_OF_LIFE", "occurredAt": "2024-05-06T00:00:00Z", "source": "Red Cross",
                 "observedOn": "2024-05-05"}""");

        awaitVersion(caseId, 2);
        cases().get("/api/v1/cases/{id}", caseId).then()
                .body("state", equalTo("DECEASED"))
                .body("vitalStatus", equalTo("DISPUTED"))
                .body("vitalStatusDate", equalTo("2024-05-05"))
                .body("vitalClaims.eventId", contains(death, seen))
                .body("vitalClaims.type", contains("DEATH_REPORTED", "PROOF_OF_LIFE"))
                .body("vitalClaims.source", contains("KCNA", "Red Cross"))
                .body("vitalClaims.date", contains("2018-03-01", "2024-05-05"))
                .body("vitalClaims.reportedBy", contains(ORG, ORG))
                .body("conflicts.kind", contains("LIFE_AFTER_DEATH"))
                .body("conflicts[0].eventId", equalTo(seen));
        await().atMost(WAIT).untilAsserted(() -> feed(advocate, caseId)
                .body("items.find { it.eventId == '" + seen + "' }.urgency", equalTo("CRITICAL"))
                .body("items.find { it.eventId == '" + seen + "' }.alerts", contains("LIFE_AFTER_DEATH")));

        // The death report was wrong: it is retracted (intake knows the event once it has read it back from Kafka).
        String retraction = acceptedOnceKnown(caseId, retraction(death, "KCNA confused him with his brother"));

        awaitVersion(caseId, 3);
        cases().get("/api/v1/cases/{id}", caseId).then()
                .body("state", equalTo("REPORTED"))
                .body("vitalStatus", equalTo("ALIVE"))
                .body("vitalStatusDate", equalTo("2024-05-05"))
                .body("vitalClaims.eventId", contains(seen))
                .body("conflicts", empty());
        String entry = "items.find { it.eventId == '" + death + "' }.";
        String retractionEntry = "items.find { it.eventId == '" + retraction + "' }.";
        cases().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("total", equalTo(4))
                .body(entry + "status", equalTo("RETRACTED"))
                .body(entry + "retractedBy", equalTo(retraction))
                .body(entry + "retractedByOrganisation", equalTo(ORG))
                .body(entry + "retractionReason", equalTo("KCNA confused him with his brother"))
                .body(entry + "retractedAt", equalTo("2024-06-01T00:00:00Z"))
                .body(retractionEntry + "type", equalTo("EVENT_RETRACTED"))
                .body(retractionEntry + "status", equalTo("APPLIED"))
                .body(retractionEntry + "fromState", equalTo("DECEASED"))
                .body(retractionEntry + "toState", equalTo("REPORTED"))
                // The retraction's own eventId and reason, beside the entry's of the same names: under "event".
                .body(retractionEntry + "event.eventId", equalTo(death))
                .body(retractionEntry + "event.reason", equalTo("KCNA confused him with his brother"));
        // No key twice in an entry: a strict parser reads the timeline.
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> com.fasterxml.jackson.databind.json.JsonMapper
                .builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
                .readTree(cases().get("/api/v1/cases/{id}/timeline", caseId).asString()));
        await().atMost(WAIT).untilAsserted(() -> feed(advocate, caseId)
                .body("items.find { it.eventId == '" + retraction + "' }.type", equalTo("EVENT_RETRACTED"))
                .body("items.find { it.eventId == '" + retraction + "' }.status", equalTo("APPLIED"))
                .body("items.find { it.eventId == '" + retraction + "' }.fromState", equalTo("DECEASED"))
                .body("items.find { it.eventId == '" + retraction + "' }.toState", equalTo("REPORTED")));

        // Refused at the door, each naming /eventId. A retraction cannot be retracted (asked until intake has read
        // the retraction back: before that it does not know it) ...
        AtomicReference<Response> ofRetraction = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            ofRetraction.set(retract(caseId, retraction(retraction, "undo")));
            return !isUnknownEvent(ofRetraction.get());
        });
        refused(ofRetraction.get(), 422, "event-not-retractable");
        // ... and since intake knows the retraction, it knows the death report is retracted already ...
        refused(retract(caseId, retraction(death, "again")), 409, "conflict");
        // ... and an event it never saw is unknown.
        refused(retract(caseId, retraction(UUID.randomUUID().toString(), "who?")), 422, "unknown-event");
        cases().get("/api/v1/cases/{id}/timeline", caseId).then().body("total", equalTo(4));
    }

    /** What intake answered for an opening: the case and its CASE_OPENED event. */
    private record Opened(String caseId, String eventId) {
    }

    private static Opened open(String body) {
        var answer = intake().body(body).post("/api/v1/cases").then().statusCode(202).extract();
        return new Opened(answer.path("caseId"), answer.path("eventId"));
    }

    private static Opened openNorthKoreanPow(String name) {
        return open("""
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"romanizedNames": ["%s"], "birthYear": 2001, "sex": "MALE"},
                 "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09"}""".formatted(name));
    }

    private static String report(String caseId, String body) {
        return intake().body(body).post("/api/v1/cases/{id}/events", caseId).then().statusCode(202)
                .extract().path("eventId");
    }

    private static String retraction(String eventId, String reason) {
        return "{\"type\": \"EVENT_RETRACTED\", \"occurredAt\": \"2024-06-01T00:00:00Z\", \"eventId\": \"" + eventId
                + "\", \"reason\": \"" + reason + "\"}";
    }

    private static Response retract(String caseId, String body) {
        return intake().body(body).post("/api/v1/cases/{id}/events", caseId);
    }

    /** Sends the retraction until intake knows the event it names (422 unknown-event before), and its event id. */
    private static String acceptedOnceKnown(String caseId, String body) {
        AtomicReference<Response> answer = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer.set(retract(caseId, body));
            return !isUnknownEvent(answer.get());
        });
        return answer.get().then().statusCode(202).body("caseId", equalTo(caseId)).extract().path("eventId");
    }

    private static boolean isUnknownEvent(Response response) {
        return response.statusCode() == 422 && (PROBLEMS + "unknown-event").equals(response.path("type"));
    }

    private static ValidatableResponse refused(Response response, int status, String type) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(status))
                .body("errors", hasSize(1))
                .body("errors[0].pointer", equalTo("/eventId"));
    }

    private static void awaitVersion(String caseId, int version) {
        await().atMost(WAIT).untilAsserted(() -> cases().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("version", equalTo(version)));
    }

    private static ValidatableResponse feed(String advocate, String caseId) {
        return notifications(advocate).queryParam("caseId", caseId).queryParam("size", 100)
                .get("/api/v1/notifications").then().statusCode(200);
    }

    private static RequestSpecification intake() {
        return given().baseUri(system.baseUrl(HomewardService.INTAKE).toString()).contentType(ContentType.JSON)
                .auth().oauth2(system.token(ORG, "caseworker-1", "reporter"));
    }

    private static RequestSpecification cases() {
        return given().baseUri(system.baseUrl(HomewardService.CASE).toString())
                .auth().oauth2(system.token(ORG, "caseworker-1", "caseworker"));
    }

    private static RequestSpecification notifications(String advocate) {
        return given().baseUri(system.baseUrl(HomewardService.NOTIFICATION).toString())
                .auth().oauth2(system.token(ORG, advocate, "advocate"));
    }

    private static void subscribe(String advocate, String body) {
        notifications(advocate).contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions")
                .then().statusCode(201);
    }
}
