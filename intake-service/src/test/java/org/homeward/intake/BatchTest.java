package org.homeward.intake;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.NoteAdded;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/events:batch}: up to 1,000 events, JSON array or NDJSON, answered item by item. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class BatchTest {

    @Test
    void eachItemIsAnsweredOnItsOwnAndOnlyTheAcceptedArePublished() {
        String soldier = Intake.openCase();
        String unknown = UUID.randomUUID().toString();
        String body = "[" + String.join(",",
                item(soldier, "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": \"Ukraine\"}"),
                item(soldier, "{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\"}"),
                "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"no case id\"}",
                item(unknown, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"who?\"}"),
                item(soldier, "{\"type\": \"TELEPORTED\", \"occurredAt\": \"2025-01-10T00:00:00Z\"}"),
                "42",
                item(soldier, "{\"type\": \"DEFECTION_INTENT_STATED\", \"occurredAt\": \"2025-10-28T00:00:00Z\", "
                        + "\"destination\": \"South Korea\", \"method\": \"LETTER\"}")) + "]";

        JsonPath result = partner().body(body).when().post("/api/v1/events:batch")
                .then().statusCode(200).contentType("application/json")
                .body("accepted", equalTo(2)).body("rejected", equalTo(5))
                .body("items.index", contains(0, 1, 2, 3, 4, 5, 6))
                .body("items.status", contains("ACCEPTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED",
                        "ACCEPTED"))
                .body("items[1].problem.type", equalTo("https://homeward.org/problems/validation"))
                .body("items[1].problem.errors.pointer", contains("/1/heldBy"))
                .body("items[2].problem.errors.pointer", contains("/2/caseId"))
                .body("items[3].problem.type", equalTo("https://homeward.org/problems/case-not-found"))
                .body("items[3].problem.errors.pointer", contains("/3/caseId"))
                .body("items[4].problem.type", equalTo("https://homeward.org/problems/unknown-event-type"))
                .body("items[4].problem.errors.pointer", hasItem("/4/type"))
                .body("items[5].problem.type", equalTo("https://homeward.org/problems/malformed-json"))
                .body("items[5].problem.errors.pointer", contains("/5"))
                .body("items[0].eventId", org.hamcrest.Matchers.notNullValue())
                .body("items[1].eventId", nullValue())
                .extract().jsonPath();

        List<CloudEvent<CaseEventData>> published = Intake.awaitEvents(soldier, 3);
        assertEquals(List.of(result.getString("items[0].eventId"), result.getString("items[6].eventId")),
                published.subList(1, 3).stream().map(e -> e.id().toString()).toList());
        assertEquals(3, Intake.publishedFor(soldier), "the opening and the two accepted events, nothing else");
        Intake.assertNothingPublishedFor(List.of(unknown));
    }

    @Test
    void oneCasesEventsArePublishedInTheOrderOfTheBatch() {
        String first = Intake.openCase();
        String second = Intake.openCase();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String caseId = i % 3 == 0 ? second : first;
            items.add(item(caseId, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"note "
                    + i + "\"}"));
        }
        partner().body("[" + String.join(",", items) + "]").when().post("/api/v1/events:batch")
                .then().statusCode(200).body("accepted", equalTo(40));

        List<String> firstNotes = IntStream.range(0, 40).filter(i -> i % 3 != 0).mapToObj(i -> "note " + i).toList();
        List<String> secondNotes = IntStream.range(0, 40).filter(i -> i % 3 == 0).mapToObj(i -> "note " + i).toList();
        assertEquals(firstNotes, notes(Intake.awaitEvents(first, 1 + firstNotes.size())));
        assertEquals(secondNotes, notes(Intake.awaitEvents(second, 1 + secondNotes.size())));
    }

    @Test
    void ndjsonItemsAreReadLineByLineAndNamedByLine() {
        String caseId = Intake.openCase();
        String body = item(caseId, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"one\"}")
                + "\r\n\n" + "{\"caseId\": \"" + caseId + "\", \"type\": \"NOTE_ADDED\", \n"
                + item(caseId, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"two\"}")
                + "\n";
        partner().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/v1/events:batch")
                .then().statusCode(200)
                .body("items.status", contains("ACCEPTED", "REJECTED", "ACCEPTED"))
                .body("items.line", contains(1, 3, 4))
                .body("items[1].problem.type", equalTo("https://homeward.org/problems/malformed-json"))
                .body("items[1].problem.errors.pointer", contains("/1"));
        assertEquals(List.of("one", "two"), notes(Intake.awaitEvents(caseId, 3)));
    }

    @Test
    void moreThanAThousandEventsAreRefusedWholeAndNothingIsPublished() {
        String caseId = Intake.openCase();
        String note = item(caseId, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"n\"}");
        String body = IntStream.range(0, 1001).mapToObj(i -> note).collect(Collectors.joining(",", "[", "]"));
        partner().body(body).when().post("/api/v1/events:batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/too-many-items"));
        partner().contentType("application/x-ndjson").body(body.substring(1, body.length() - 1).replace("},{", "}\n{")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/events:batch")
                .then().statusCode(413).body("type", equalTo("https://homeward.org/problems/too-many-items"));
        // 1,000 fit: 20 events for each of 50 cases.
        List<String> cases = IntStream.range(0, 49).mapToObj(i -> Intake.openCase()).collect(Collectors.toList());
        cases.add(caseId);
        String thousand = IntStream.range(0, 1000).mapToObj(i -> note.replace(caseId, cases.get(i % 50)))
                .collect(Collectors.joining(",", "[", "]"));
        partner().body(thousand).when().post("/api/v1/events:batch").then().statusCode(200)
                .body("accepted", equalTo(1000));
        assertEquals(21, Intake.publishedFor(caseId), "the opening and the 20 of the batch that fit, nothing of the 1,001");
    }

    @Test
    void aBodyThatIsNotABatchIsItsOwnProblem() {
        partner().body("{\"type\": \"NOTE_ADDED\"}").when().post("/api/v1/events:batch")
                .then().statusCode(400).body("type", equalTo("https://homeward.org/problems/malformed-json"));
        partner().body("[").when().post("/api/v1/events:batch")
                .then().statusCode(400).body("type", equalTo("https://homeward.org/problems/malformed-json"));
        partner().body("[]").when().post("/api/v1/events:batch")
                .then().statusCode(422).body("type", equalTo("https://homeward.org/problems/validation"));
        partner().contentType("text/csv").body("a,b").when().post("/api/v1/events:batch")
                .then().statusCode(415).body("type", equalTo("https://homeward.org/problems/unsupported-media-type"));
    }

    @Test
    void aRetriedBatchAnswersTheSameIdsAndPublishesNothingNewAndTheKeyCannotBeReused() {
        String caseId = Intake.openCase();
        String key = Intake.newKey();
        String body = "[" + item(caseId, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\", \"text\": \"a\"}")
                + "," + item(caseId, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-10T00:00:00Z\"}") + "]";
        List<String> first = partner().header("Idempotency-Key", key).body(body).when().post("/api/v1/events:batch")
                .then().statusCode(200).body("items.status", contains("ACCEPTED", "REJECTED"))
                .extract().jsonPath().getList("items.eventId");
        Intake.awaitEvents(caseId, 2);
        partner().header("Idempotency-Key", key).body(body).when().post("/api/v1/events:batch")
                .then().statusCode(200).body("items.status", contains("ACCEPTED", "REJECTED"))
                .body("items.eventId", equalTo(first));
        partner().header("Idempotency-Key", key).body(body.replace("\"a\"", "\"b\"")).when().post("/api/v1/events:batch")
                .then().statusCode(422).body("type", equalTo("https://homeward.org/problems/idempotency-key-reused"));
        assertEquals(2, Intake.publishedFor(caseId));
    }

    static String item(String caseId, String event) {
        return "{\"caseId\": \"" + caseId + "\", " + event.substring(1);
    }

    private static List<String> notes(List<CloudEvent<CaseEventData>> events) {
        return events.stream().filter(e -> e.data() instanceof NoteAdded).map(e -> ((NoteAdded) e.data()).text())
                .toList();
    }
}
