package org.homeward.cases.search;

import org.homeward.cases.Callers;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.events.Alert;
import org.homeward.events.Captured;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search by name in any spelling and duplicate detection, against a real Kafka and PostgreSQL: cases are opened by
 * publishing CASE_OPENED to Kafka, then found through the REST API.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class CaseSearchTest {

    private static CaseEventsOnKafka kafka;

    @Inject
    EntityManager em;

    @Inject
    NameIndex nameIndex;

    @BeforeAll
    static void connect() {
        Callers.signInAsCaseworker();
        kafka = new CaseEventsOnKafka();
    }

    @AfterAll
    static void disconnect() {
        Callers.signOut();
        kafka.close();
    }

    @Test
    void aHangulNameIsFoundByItsRomanisationsAndTheReverse() {
        UUID hangulOnly = kafka.open(Category.SOUTH_KOREAN_POW, "김광원", List.of(), 1931, LocalDate.of(1953, 7, 1));
        UUID romanizedOnly = kafka.open(Category.WAR_ABDUCTEE, null, List.of("Kim Gwang-Won"), 1950, null);

        for (String q : List.of("Kim Kwang-won", "Gim Gwangwon", "kim gwang won", "Kwang-won Kim", "KIM, Kwangwŏn")) {
            given().queryParam("q", q).get("/api/v1/cases").then().statusCode(200)
                    .body("items.caseId", hasItems(hangulOnly.toString(), romanizedOnly.toString()));
        }
        given().queryParam("q", "김광원").get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", hasItems(romanizedOnly.toString(), hangulOnly.toString()))
                .body("items.find { it.caseId == '" + hangulOnly + "' }.hangulNameRomanized.revised",
                        equalTo("Gim Gwangwon"))
                .body("items.find { it.caseId == '" + hangulOnly + "' }.hangulNameRomanized.mccuneReischauer",
                        equalTo("Kim Kwangwŏn"));
        given().queryParam("q", "Kim Kwang-su").get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", not(hasItem(hangulOnly.toString())))
                .body("items.caseId", not(hasItem(romanizedOnly.toString())));
    }

    @Test
    void filtersNarrowASearchAndAListWithoutQuery() {
        UUID pow = kafka.open(Category.SOUTH_KOREAN_POW, "박정호", List.of("Park Jung-ho"), 1930, null);
        UUID detainee = kafka.open(Category.DETAINEE, null, List.of("Pak Chŏng-ho"), 1970, null);
        kafka.publish(detainee, new Captured("North Korea", "Pyongyang"));
        CaseEventsOnKafka.awaitVersion(detainee, 1);

        given().queryParam("q", "박정호").queryParam("category", "detainee").get("/api/v1/cases").then()
                .statusCode(200)
                .body("items.caseId", contains(detainee.toString()))
                .body("total", equalTo(1));
        given().queryParam("q", "Bak Jeongho").queryParam("state", "IN_CUSTODY").get("/api/v1/cases").then()
                .body("items.caseId", contains(detainee.toString()));
        given().queryParam("q", "Bak Jeongho").queryParam("state", "REPORTED").get("/api/v1/cases").then()
                .body("items.caseId", hasItem(pow.toString()))
                .body("items.caseId", not(hasItem(detainee.toString())));
        given().queryParam("category", "DETAINEE").queryParam("state", "IN_CUSTODY").queryParam("size", 100)
                .get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", hasItem(detainee.toString()))
                .body("items.category", everyItem(equalTo("DETAINEE")))
                .body("items.state", everyItem(equalTo("IN_CUSTODY")));
    }

    @Test
    void aSingleWordFindsBySurnameOrGivenNameAndFullNamesComeFirst() {
        UUID full = kafka.open(Category.DEFECTOR, "탁은별", List.of(), 1998, null);
        UUID sameGiven = kafka.open(Category.DEFECTOR, null, List.of("Ha Eun-byeol"), 1975, null);

        given().queryParam("q", "Eunbyeol").get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", hasItems(full.toString(), sameGiven.toString()));
        given().queryParam("q", "Tak").queryParam("size", 100).get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", hasItem(full.toString()));
        // One word that is a full name written without a space: the full match ranks first.
        given().queryParam("q", "Takeunbyeol").get("/api/v1/cases").then().statusCode(200)
                .body("items[0].caseId", equalTo(full.toString()));
    }

    @Test
    void theSpellingOnRecordComesBeforeNamesThatOnlySoundAlike() {
        UUID spelledSo = kafka.open(Category.WAR_ABDUCTEE, null, List.of("Gong Seong-su"), 1921, null);
        UUID soundsAlike = kafka.open(Category.WAR_ABDUCTEE, "공승서", List.of(), 1940, null);

        // Newest first would put the second case first; the exact spelling wins.
        given().queryParam("q", "gong seongsu").get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", contains(spelledSo.toString(), soundsAlike.toString()));
        given().queryParam("q", "공승서").get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", contains(soundsAlike.toString(), spelledSo.toString()));
    }

    @Test
    void pagesHaveAHardCapAndBadParametersAreProblemsNamingThem() {
        given().queryParam("size", 101).get("/api/v1/cases").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/validation"))
                .body("errors[0].pointer", equalTo("size"));
        given().queryParam("page", -1).get("/api/v1/cases").then().statusCode(422)
                .body("errors[0].pointer", equalTo("page"));
        given().queryParam("q", "x".repeat(201)).get("/api/v1/cases").then().statusCode(422)
                .body("errors[0].pointer", equalTo("q"));
        given().queryParam("q", "-- 42 --").get("/api/v1/cases").then().statusCode(422)
                .body("errors[0].pointer", equalTo("q"));
        given().queryParam("category", "SPY").get("/api/v1/cases").then().statusCode(422)
                .body("errors[0].pointer", equalTo("category"))
                .body("errors[0].detail", containsString("NORTH_KOREAN_POW"));
        given().queryParam("state", "LOST").get("/api/v1/cases").then().statusCode(422)
                .body("errors[0].pointer", equalTo("state"));
        given().queryParam("size", 2).get("/api/v1/cases").then().statusCode(200)
                .body("size", equalTo(2)).body("page", equalTo(0));
    }

    @Test
    void aLikelyDuplicateIsFlaggedAtOpeningAndListed() {
        UUID first = kafka.open(Category.POSTWAR_ABDUCTEE, "이민호", List.of(), 1955, LocalDate.of(1977, 8, 10));
        given().get("/api/v1/cases/{id}", first).then().body("possibleDuplicates", equalTo(0));

        UUID second = kafka.open(Category.POSTWAR_ABDUCTEE, null, List.of("Lee Min-ho"), 1956, null);
        UUID fourYearsApart = kafka.open(Category.POSTWAR_ABDUCTEE, null, List.of("Rhee Minho"), 1951, null);
        UUID noBirthYear = kafka.open(Category.WAR_ABDUCTEE, null, List.of("Yi Min-ho"), null, null);

        given().get("/api/v1/cases/{id}", second).then().body("possibleDuplicates", equalTo(2));
        given().get("/api/v1/cases/{id}", first).then().body("possibleDuplicates", equalTo(2));
        given().get("/api/v1/cases/{id}", fourYearsApart).then().body("possibleDuplicates", equalTo(1));
        given().get("/api/v1/cases/{id}", noBirthYear).then().body("possibleDuplicates", equalTo(3));
        given().get("/api/v1/cases/{id}/possible-duplicates", second).then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.caseId", contains(first.toString(), noBirthYear.toString()));

        CaseTransition opening = kafka.transitionsOf(second, 1).get(0);
        assertEquals(List.of(Alert.POSSIBLE_DUPLICATE), opening.alerts());
        assertEquals(org.homeward.events.Urgency.NORMAL, opening.urgency());
        given().get("/api/v1/cases/{id}/timeline", second).then()
                .body("items[0].alerts", contains("POSSIBLE_DUPLICATE"))
                .body("items[0].status", equalTo("APPLIED"))
                .body("items[0].reason", containsString("1 existing case"));
        assertEquals(List.of(), kafka.transitionsOf(first, 1).get(0).alerts(), "the first case had no twin yet");
        assertEquals(List.of(), kafka.transitionsOf(fourYearsApart, 1).get(0).alerts(),
                "born four years before the others: not the same person");
        CaseTransition unknownAge = kafka.transitionsOf(noBirthYear, 1).get(0);
        assertEquals(List.of(Alert.POSSIBLE_DUPLICATE), unknownAge.alerts());
        assertEquals(org.homeward.events.ReasonCode.POSSIBLE_DUPLICATE, unknownAge.reason());
        given().get("/api/v1/cases/{id}/timeline", noBirthYear).then().statusCode(200)
                .body("items[0].reason", equalTo(
                        "possibly the same person as 3 existing cases (same name, birth year at most one year apart)"));
    }

    @Test
    void duplicatesOfAnUnknownCaseAre404() {
        given().get("/api/v1/cases/{id}/possible-duplicates", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/not-found"));
        given().queryParam("size", 0).get("/api/v1/cases/{id}/possible-duplicates", UUID.randomUUID()).then()
                .statusCode(422).body("errors[0].pointer", equalTo("size"));
    }

    @Test
    void casesStoredBeforeSearchExistedAreKeyedAndFound() {
        UUID caseId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                            insert into cases (case_id, category, state, owner_organisation, person, conflicts,
                                               opened_at, updated_at, version)
                            values (?1, 'SOUTH_KOREAN_POW', 'REPORTED', 'org-test',
                                    cast('{"hangulName": "소원철", "birthYear": 1932}' as jsonb), '[]',
                                    now(), now(), 0)""")
                    .setParameter(1, caseId).executeUpdate();
            // As V3__case_access.sql granted the owner of every case stored before access was recorded.
            em.createNativeQuery("insert into case_access (case_id, organisation, granted_at)"
                    + " values (?1, 'org-test', now())").setParameter(1, caseId).executeUpdate();
        });
        given().queryParam("q", "So Won-chol").get("/api/v1/cases").then()
                .body("items.caseId", not(hasItem(caseId.toString())));

        while (nameIndex.reindex(500) > 0) {
            // the start-up indexer does the same in the background
        }

        given().queryParam("q", "So Won-chol").get("/api/v1/cases").then()
                .body("items.caseId", hasItem(caseId.toString()));
        assertEquals(0, nameIndex.pending());
    }
}
