package org.homeward.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.text.Normalizer;
import java.util.List;
import org.homeward.events.CaseOpened;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15, point 7: text with control characters, noncharacters or lone surrogates is refused naming the field, and
 * nothing is published; tab and line breaks pass in free text only; names are published in Unicode NFC.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class CleanInputTest {

    private static String caseId;

    @BeforeEach
    void openTheCase() {
        if (caseId == null) {
            caseId = Intake.openCase();
            Intake.awaitEvents(caseId, 1);
        }
    }

    /** JSON texts as sent: {@code \\u0000} is JSON's escape of U+0000, {@code \\ud800} a lone surrogate. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a note with NUL (the issue's case)|{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"text\": \"met him\\u0000\"}|/text",
            "a note with ESC|{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"text\": \"\\u001b[31mred\"}|/text",
            "a note with a lone surrogate|{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"text\": \"a\\ud800b\"}|/text",
            "a note with a noncharacter|{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"text\": \"a\\uffffb\"}|/text",
            "a party with a line break|{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": \"Ukr\\naine\"}|/heldBy",
            "a place with a tab|{\"type\": \"CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": \"Ukraine\", \"location\": \"Kursk\\tfront\"}|/location",
            "a reason with DEL|{\"type\": \"CASE_CLOSED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"reason\": \"done\\u007f\"}|/reason",
            "a letter's writer with C1 NEL|{\"type\": \"LETTER_RECEIVED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"receivedOn\": \"2025-01-09\", \"writer\": \"Kim\\u0085\"}|/writer"})
    void anUncleanTextIsRefusedNamingTheFieldAndNothingIsPublished(String what, String body, String pointer) {
        partner().body(body).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/validation"))
                .body("errors.pointer", hasItem(pointer));
        assertEquals(1, Intake.publishedFor(caseId), "only the opening of the case is published");
    }

    @Test
    void aControlCharacterAroundTheTypeIsNoTypeAtAll() {
        partner().body("{\"type\": \"\\u0000CAPTURED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", \"heldBy\": \"Ukraine\"}")
                .when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(422).body("type", equalTo("https://homeward.org/problems/unknown-event-type"));
        assertEquals(1, Intake.publishedFor(caseId));
    }

    @Test
    void anOpeningWithAControlCharacterInANameOpensNothing() {
        int before = Intake.published();
        partner().body("{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", \"person\": "
                + "{\"hangulName\": \"리광철\", \"romanizedNames\": [\"Ri\", \"Ri\\u001bGwang\"]}}")
                .when().post("/api/v1/cases")
                .then().statusCode(422).body("errors.pointer", hasItem("/person/romanizedNames/1"));
        assertEquals(before, Intake.published());
    }

    @Test
    void freeTextKeepsItsTabsAndLineBreaks() {
        partner().body("{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-01-09T06:00:00Z\", "
                + "\"text\": \"first line\\r\\n\\tsecond line\"}")
                .when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(202);
        Intake.awaitEvents(caseId, 2);
    }

    @Test
    void aNameTypedAsJamoIsPublishedInNfc() {
        String nfd = Normalizer.normalize("김광원", Normalizer.Form.NFD);
        String opened = partner().body("{\"occurredAt\": \"2025-01-09T06:00:00Z\", \"category\": \"DEFECTOR\", "
                + "\"person\": {\"hangulName\": \"" + nfd + "\"}}").when().post("/api/v1/cases")
                .then().statusCode(202).extract().path("caseId");
        CaseOpened event = (CaseOpened) Intake.awaitEvents(opened, 1).get(0).data();
        assertEquals("김광원", event.person().hangulName());
    }

    @Test
    void anImportedCellWithAControlCharacterIsRefusedNamingTheColumn() {
        int before = Intake.published();
        partner().contentType("text/csv; charset=UTF-8")
                .body("hangulName,category,placeTaken\n이선옥,WAR_ABDUCTEE,\"Seoul\u0000\"\n")
                .when().post("/api/v1/cases:import")
                .then().statusCode(200).body("accepted", equalTo(0))
                .body("items[0].problem.errors.pointer", equalTo(List.of("placeTaken")));
        assertEquals(before, Intake.published());
    }
}
