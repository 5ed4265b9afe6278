package org.homeward.intake;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.CaseEventData;
import org.homeward.events.Sex;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/cases:import}: a CSV list of persons opens a case per valid row and names each bad row's line. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class ImportTest {

    /** A families' union's list, as a spreadsheet exports it: byte order mark, CRLF, quoted cells. */
    static final String LIST = "\uFEFFHangul Name,romanized_names,Birth Year,sex,category,place of origin,"
            + "place_taken,date_taken\r\n"
            + "이선옥,Lee Sun-ok;Yi Son-ok,1931,F,war abductee,\"Kaesong, Gyeonggi\",Seoul,1950-09-15\r\n"
            + "김광원,\"Kim Gwang-won; Kim Kwang-won\",1930,M,SOUTH_KOREAN_POW,,\"near Cheorwon\",1953-07-13\r\n"
            + "박,,nineteen,,DEFECTOR,,,\r\n"
            + ",,1950,MALE,NORTH_KOREAN_POW,,,\r\n"
            + "최,,1990,,ALIEN,,,\r\n"
            + "정,,1990,,DETAINEE,,," + LocalDate.now(ZoneOffset.UTC).plusDays(3) + "\r\n"
            + "\r\n"
            + "\"한\nname on two lines\",,1941,,POSTWAR_ABDUCTEE,,,\r\n";

    @Test
    void everyValidRowOpensACaseAndEveryBadRowIsNamedByLine() {
        JsonPath result = partner().contentType("text/csv; charset=UTF-8").body(LIST).when().post("/api/v1/cases:import")
                .then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(5))
                .body("items.line", contains(2, 3, 4, 5, 6, 7, 9))
                .body("items.status", contains("ACCEPTED", "ACCEPTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED",
                        "REJECTED"))
                .body("items[2].problem.errors.pointer", contains("birthYear"))
                .body("items[3].problem.errors.pointer", hasItem("hangulName"))
                .body("items[4].problem.errors.pointer", contains("category"))
                .body("items[5].problem.errors.pointer", contains("dateTaken"))
                // A quoted cell may span lines (the row is still line 9), but a name is a single line.
                .body("items[6].problem.errors.pointer", contains("hangulName"))
                .body("items[2].problem.detail", equalTo("Line 4: 1 column is not valid"))
                .extract().jsonPath();

        String lee = result.getString("items[0].caseId");
        CloudEvent<CaseEventData> opened = Intake.awaitEvents(lee, 1).get(0);
        CaseOpened data = (CaseOpened) opened.data();
        assertEquals(Category.WAR_ABDUCTEE, data.category());
        assertEquals("이선옥", data.person().hangulName());
        assertEquals(List.of("Lee Sun-ok", "Yi Son-ok"), data.person().romanizedNames());
        assertEquals(Sex.FEMALE, data.person().sex());
        assertEquals("Kaesong, Gyeonggi", data.person().placeOfOrigin());
        assertEquals(LocalDate.parse("1950-09-15"), data.dateTaken());
        assertEquals(Instant.parse("1950-09-15T00:00:00Z"), opened.time(), "a case opens when the person was taken");
        assertEquals(Intake.ORG, opened.reportedby());
        assertEquals(List.of("Kim Gwang-won", "Kim Kwang-won"), ((CaseOpened) Intake.awaitEvents(
                result.getString("items[1].caseId"), 1).get(0).data()).person().romanizedNames());

        // The imported cases exist for intake at once.
        partner().body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", lee).then().statusCode(202);
    }

    @Test
    void anUnknownOrMissingColumnRefusesTheWholeFile() {
        int before = Intake.published();
        partner().contentType("text/csv; charset=UTF-8").body("hangulName,category,eye colour\n이선옥,WAR_ABDUCTEE,brown\n")
                .when().post("/api/v1/cases:import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", contains("eye colour"));
        partner().contentType("text/csv; charset=UTF-8").body("hangulName,birthYear\n이선옥,1931\n").when().post("/api/v1/cases:import")
                .then().statusCode(422).body("errors.pointer", hasItem("category"));
        partner().contentType("text/csv; charset=UTF-8").body("hangulName,category\n").when().post("/api/v1/cases:import")
                .then().statusCode(422);
        assertEquals(before, Intake.published());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsNamed() {
        partner().contentType("text/csv; charset=UTF-8").body("hangulName,category\n이선옥,WAR_ABDUCTEE,extra\n김광원,SOUTH_KOREAN_POW\n")
                .when().post("/api/v1/cases:import")
                .then().statusCode(200).body("items.status", contains("REJECTED", "ACCEPTED"))
                .body("items[0].problem.errors.pointer", contains("line 2"));
    }

    @Test
    void textThatIsNotCsvIsItsOwnProblem() {
        partner().contentType("text/csv; charset=UTF-8").body("hangulName,category\n\"이선옥,WAR_ABDUCTEE\n")
                .when().post("/api/v1/cases:import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/malformed-csv"))
                .body("errors.pointer", hasItems("line 2"));
        partner().body("{}").when().post("/api/v1/cases:import")
                .then().statusCode(415).body("type", equalTo("https://homeward.org/problems/unsupported-media-type"));
    }

    @Test
    void aRetriedImportAnswersTheSameCasesAndPublishesNothingNew() {
        String key = Intake.newKey();
        String list = "category,romanizedNames\nWAR_ABDUCTEE,Retry Test\nDEFECTOR,\n";
        List<String> first = partner().contentType("text/csv; charset=UTF-8").header("Idempotency-Key", key).body(list)
                .when().post("/api/v1/cases:import").then().statusCode(200)
                .body("items.status", contains("ACCEPTED", "REJECTED"))
                .extract().jsonPath().getList("items.caseId");
        Intake.awaitEvents(first.get(0), 1);
        partner().contentType("text/csv; charset=UTF-8").header("Idempotency-Key", key).body(list)
                .when().post("/api/v1/cases:import").then().statusCode(200)
                .body("items.caseId", equalTo(first));
        assertEquals(1, Intake.publishedFor(first.get(0)));
    }

    /** Without a key, the file's content is the key: the same file sent again opens no case twice. */
    @Test
    void theSameFileSentAgainWithoutAKeyAnswersTheSameCases() {
        String list = "category,romanizedNames,birthYear\nWAR_ABDUCTEE,Content Key " + UUID.randomUUID()
                + ",1931\nSOUTH_KOREAN_POW,Content Key Two,1930\n";
        List<String> first = partner().contentType("text/csv; charset=UTF-8").body(list)
                .when().post("/api/v1/cases:import").then().statusCode(200)
                .body("items.status", contains("ACCEPTED", "ACCEPTED"))
                .extract().jsonPath().getList("items.caseId");
        Intake.awaitEvents(first.get(1), 1);
        partner().contentType("text/csv; charset=UTF-8").body(list)
                .when().post("/api/v1/cases:import").then().statusCode(200)
                .body("items.caseId", equalTo(first));
        assertEquals(1, Intake.publishedFor(first.get(0)));
        assertEquals(1, Intake.publishedFor(first.get(1)));
        // A key of the partner's own imports the same persons again, on purpose.
        List<String> again = partner().contentType("text/csv; charset=UTF-8").header("Idempotency-Key", Intake.newKey())
                .body(list).when().post("/api/v1/cases:import").then().statusCode(200)
                .extract().jsonPath().getList("items.caseId");
        assertTrue(java.util.Collections.disjoint(first, again), "new cases under a new key");
    }
}
