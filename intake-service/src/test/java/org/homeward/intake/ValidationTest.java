package org.homeward.intake;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input against the running service: each answers its problem, naming the failing field by JSON
 * pointer, and nothing is published for the case the refused requests were about.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class ValidationTest {

    static final String FUTURE_INSTANT = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toString();
    static final String FUTURE_DATE = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();

    private static String caseId;

    @BeforeEach
    void openTheCaseTheRefusedEventsAreAbout() {
        if (caseId == null) {
            caseId = Intake.openCase();
            Intake.awaitEvents(caseId, 1);
        }
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                // required fields of each type
                bad("CAPTURED without heldBy", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\"}",
                        "/heldBy"),
                bad("DEFECTION_INTENT_STATED without destination",
                        "{\"type\": \"DEFECTION_INTENT_STATED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", \"method\": \"LETTER\"}",
                        "/destination"),
                bad("TRANSFER_REQUESTED without to",
                        "{\"type\": \"TRANSFER_REQUESTED\", \"occurredAt\": \"2025-11-01T00:00:00Z\", \"requestedBy\": \"ROK\"}",
                        "/to"),
                bad("TRANSFERRED without to", "{\"type\": \"TRANSFERRED\", \"occurredAt\": \"2026-02-01T09:00:00Z\", \"from\": \"Ukraine\"}",
                        "/to"),
                bad("LETTER_RECEIVED without receivedOn",
                        "{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", \"writtenOn\": \"2025-10-28\"}",
                        "/receivedOn"),
                bad("NOTE_ADDED without text", "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-10-28T00:00:00Z\"}", "/text"),
                bad("NOTE_ADDED with blank text", "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", \"text\": \"  \"}",
                        "/text"),
                bad("CASE_CLOSED without reason", "{\"type\": \"CASE_CLOSED\", \"occurredAt\": \"2025-10-28T00:00:00Z\"}", "/reason"),
                bad("CASE_REOPENED without reason", "{\"type\": \"CASE_REOPENED\", \"occurredAt\": \"2025-10-28T00:00:00Z\"}",
                        "/reason"),
                bad("an event without occurredAt", "{\"type\": \"CAPTURED\", \"heldBy\": \"Ukraine\"}", "/occurredAt"),
                bad("an event without type", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": \"Ukraine\"}", "/type"),
                bad("CASE_OPENED on the events path", "{\"type\": \"CASE_OPENED\", \"occurredAt\": \"2025-01-09T06:00:00Z\"}",
                        "/type"),
                // lengths
                bad("heldBy over 200 characters", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": \""
                        + "x".repeat(201) + "\"}", "/heldBy"),
                bad("a note over 10,000 characters", "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"text\": \""
                        + "x".repeat(10_001) + "\"}", "/text"),
                bad("a reason over 2,000 characters", "{\"type\": \"CASE_CLOSED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"reason\": \""
                        + "x".repeat(2_001) + "\"}", "/reason"),
                bad("a language over 50 characters", "{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"receivedOn\": \"2025-11-12\", \"language\": \"" + "k".repeat(51) + "\"}", "/language"),
                // enumerations
                bad("an unknown intent method", "{\"type\": \"DEFECTION_INTENT_STATED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"destination\": \"South Korea\", \"method\": \"EMAIL\"}", "/method"),
                bad("an enum as a number", "{\"type\": \"DEFECTION_INTENT_STATED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"destination\": \"South Korea\", \"method\": 1}", "/method"),
                bad("an unknown way of return", "{\"type\": \"RETURNED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", \"how\": \"FLEW\"}",
                        "/how"),
                bad("an unknown kind of family contact", "{\"type\": \"FAMILY_CONTACT\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"kind\": \"TELEGRAM\"}", "/kind"),
                // dates
                bad("occurredAt in the future", "{\"type\": \"CAPTURED\", \"occurredAt\": \"" + FUTURE_INSTANT
                        + "\", \"heldBy\": \"Ukraine\"}", "/occurredAt"),
                bad("receivedAt in the future", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"receivedAt\": \""
                        + FUTURE_INSTANT + "\", \"heldBy\": \"Ukraine\"}", "/receivedAt"),
                bad("receivedAt before occurredAt", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", "
                        + "\"receivedAt\": \"2025-01-08T06:00:00Z\", \"heldBy\": \"Ukraine\"}", "/receivedAt"),
                bad("a letter written in the future", "{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"writtenOn\": \"" + FUTURE_DATE + "\", \"receivedOn\": \"2025-11-12\"}", "/writtenOn"),
                bad("a letter received in the future", "{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"receivedOn\": \"" + FUTURE_DATE + "\"}", "/receivedOn"),
                bad("a death dated in the future", "{\"type\": \"DEATH_REPORTED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"dateOfDeath\": \"" + FUTURE_DATE + "\"}", "/dateOfDeath"),
                bad("proof of life observed in the future", "{\"type\": \"PROOF_OF_LIFE\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"observedOn\": \"" + FUTURE_DATE + "\"}", "/observedOn"),
                // formats and types
                bad("occurredAt that is not a date-time", "{\"type\": \"CAPTURED\", \"occurredAt\": \"yesterday\", \"heldBy\": \"Ukraine\"}",
                        "/occurredAt"),
                bad("occurredAt without an offset", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00\", "
                        + "\"heldBy\": \"Ukraine\"}", "/occurredAt"),
                bad("a date in another format", "{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"receivedOn\": \"12/11/2025\"}", "/receivedOn"),
                bad("an evidence id that is not a UUID", "{\"type\": \"DEFECTION_INTENT_STATED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"destination\": \"South Korea\", \"evidenceEventId\": \"doc-118\"}", "/evidenceEventId"),
                bad("a number for a text", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": 42}",
                        "/heldBy"),
                bad("a field the type does not have", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", "
                        + "\"heldBy\": \"Ukraine\", \"guards\": 3}", "/guards"));
    }

    static Stream<Arguments> badOpenings() {
        return Stream.of(
                bad("no category", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"person\": {\"hangulName\": \"리광철\"}}",
                        "/category"),
                bad("no person", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\"}", "/person"),
                bad("a person without any name", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"birthYear\": 2000}}", "/person/hangulName"),
                bad("a blank romanised name", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"hangulName\": \"리광철\", \"romanizedNames\": [\"Ri\", \" \"]}}", "/person/romanizedNames/1"),
                bad("more than 20 romanised names", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"romanizedNames\": [" + "\"Ri\",".repeat(20) + "\"Ri\"]}}", "/person/romanizedNames"),
                bad("a Hangul name over 200 characters", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"hangulName\": \"" + "리".repeat(201) + "\"}}", "/person/hangulName"),
                bad("an unknown category", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"ALIEN\", "
                        + "\"person\": {\"hangulName\": \"리광철\"}}", "/category"),
                bad("an unknown sex", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"hangulName\": \"리광철\", \"sex\": \"OTHER\"}}", "/person/sex"),
                bad("a birth year as a string", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"hangulName\": \"리광철\", \"birthYear\": \"2000\"}}", "/person/birthYear"),
                bad("a birth year before 1880", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"hangulName\": \"리광철\", \"birthYear\": 1700}}", "/person/birthYear"),
                bad("a date taken in the future", "{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                        + "\"person\": {\"hangulName\": \"리광철\"}, \"dateTaken\": \"" + FUTURE_DATE + "\"}", "/dateTaken"),
                bad("another type on the opening path", "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", "
                        + "\"category\": \"DEFECTOR\", \"person\": {\"hangulName\": \"리광철\"}}", "/type"));
    }

    private static Arguments bad(String what, String body, String pointer) {
        return Arguments.of(what, body, pointer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void aBadEventIsRefusedNamingTheFieldAndNothingIsPublished(String what, String body, String pointer) {
        partner().body(body).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/validation"))
                .body("status", equalTo(422))
                .body("instance", equalTo("/api/v1/cases/" + caseId + "/events"))
                .body("errors.pointer", hasItem(pointer));
        assertEquals(1, Intake.publishedFor(caseId), "only the opening of the case is published");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOpenings")
    void aBadOpeningIsRefusedNamingTheFieldAndOpensNothing(String what, String body, String pointer) {
        int before = Intake.published();
        partner().body(body).when().post("/api/v1/cases")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/validation"))
                .body("errors.pointer", hasItem(pointer));
        assertEquals(before, Intake.published(), "a refused opening publishes nothing");
    }

    @Test
    void everyFailingFieldIsNamedAtOnce() {
        partner().body("{\"type\": \"CAPTURED\", \"occurredAt\": \"" + FUTURE_INSTANT + "\", \"receivedAt\": \"soon\"}")
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).body("detail", equalTo("3 fields are not valid"))
                .body("errors.pointer", equalTo(List.of("/heldBy", "/occurredAt", "/receivedAt")));
    }

    @Test
    void anUnknownTypeListsTheValidOnes() {
        partner().body("{\"type\": \"TELEPORTED\", \"occurredAt\": \"2025-01-09T06:00:00Z\"}")
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/unknown-event-type"))
                .body("errors.pointer", hasItem("/type"))
                .body("detail", containsString("CAPTURED"))
                .body("detail", containsString("DEFECTION_INTENT_STATED"))
                .body("detail", containsString("CASE_REOPENED"))
                .body("detail", not(containsString("CASE_OPENED")));
        assertEquals(1, Intake.publishedFor(caseId));
    }

    @Test
    void malformedJsonIsItsOwnProblem() {
        partner().body("{\"type\": \"CAPTURED\", ").when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/malformed-json"));
        partner().body("[1, 2]").when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(400).body("type", equalTo("https://homeward.org/problems/malformed-json"));
        partner().body("{\"type\": \"CAPTURED\"} trailing").when().post("/api/v1/cases")
                .then().statusCode(400).body("type", equalTo("https://homeward.org/problems/malformed-json"));
        partner().body("{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": \"Ukraine\", "
                        + "\"heldBy\": \"Russia\"}").when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(400).body("type", equalTo("https://homeward.org/problems/malformed-json"));
        assertEquals(1, Intake.publishedFor(caseId));
    }

    @Test
    void aWrongContentTypeIsItsOwnProblem() {
        partner().contentType(ContentType.TEXT).body(Intake.CAPTURED)
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/unsupported-media-type"));
        partner().contentType(ContentType.XML).body("<event/>").when().post("/api/v1/cases")
                .then().statusCode(415).body("type", equalTo("https://homeward.org/problems/unsupported-media-type"));
    }

    @Test
    void anOversizedBodyIsRefusedWithTheDocumentedLimit() {
        String huge = "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"text\": \""
                + "x".repeat(2 * 1024 * 1024) + "\"}";
        partner().body(huge).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/payload-too-large"))
                .body("detail", containsString("2M"));
    }

    @Test
    void aMissingTokenAndABadIdempotencyKeyAreNamed() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Intake.CAPTURED)
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://homeward.org/problems/unauthorized"));
        partner().header("Idempotency-Key", "has space").body(Intake.CAPTURED)
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).body("errors.pointer", hasItem("Idempotency-Key"));
        partner().header("Idempotency-Key", "k".repeat(201)).body(Intake.CAPTURED)
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).body("errors.pointer", hasItem("Idempotency-Key"));
        assertEquals(1, Intake.publishedFor(caseId));
    }

    @Test
    void aCaseIdThatIsNotAUuidIsNotFound() {
        partner().body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void problemsNeverEchoWhatWasSentStackTracesOrClassNames() {
        String body = partner().body("{\"type\": \"CAPTURED\", \"occurredAt\": [1,2], \"heldBy\": \"secret-place-7\"}")
                .when().post("/api/v1/cases/{id}/events", UUID.randomUUID())
                .then().statusCode(422).extract().asString();
        assertFalse(body.contains("Exception") || body.contains("org.homeward") || body.contains("jackson")
                || body.contains("secret-place-7"), body);
    }
}
