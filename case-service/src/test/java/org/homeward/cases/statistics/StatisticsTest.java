package org.homeward.cases.statistics;

import org.homeward.cases.Callers;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.events.Captured;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.DeathReported;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counts by category, state and age group when taken, against a real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class StatisticsTest {

    private static CaseEventsOnKafka kafka;

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
    void casesAreCountedByCategoryStateAndAgeGroupWhenTaken() {
        JsonPath before = statistics();

        // Detained in the North in 2013-2016 (the arbitrarily detained): ages 55, 23, 9, and one without a birth year.
        kafka.open(Category.DETAINEE, "모영철", List.of(), 1960, LocalDate.of(2015, 10, 3));
        UUID held = kafka.open(Category.DETAINEE, "구은서", List.of(), 1990, LocalDate.of(2013, 11, 2));
        kafka.open(Category.DETAINEE, "우지호", List.of(), 2006, LocalDate.of(2015, 1, 1));
        UUID unknownAge = kafka.open(Category.DETAINEE, null, List.of("Pyo Min-jae"), null, LocalDate.of(2016, 2, 7));
        kafka.publish(held, new Captured("North Korea", "Pyongyang"));
        kafka.publish(unknownAge, new DeathReported("KCNA", LocalDate.of(2017, 6, 1)));
        CaseEventsOnKafka.awaitVersion(held, 1);
        CaseEventsOnKafka.awaitVersion(unknownAge, 1);

        JsonPath after = statistics();
        assertEquals(4, delta(before, after, "total"));
        assertEquals(4, delta(before, after, "byCategory.find { it.category == 'DETAINEE' }.total"));
        assertEquals(2, delta(before, after, "byCategory.find { it.category == 'DETAINEE' }.byState.REPORTED"));
        assertEquals(1, delta(before, after, "byCategory.find { it.category == 'DETAINEE' }.byState.IN_CUSTODY"));
        assertEquals(1, delta(before, after, "byCategory.find { it.category == 'DETAINEE' }.byState.DECEASED"));
        assertEquals(1, delta(before, after, "byCategory.find { it.category == 'DETAINEE' }.byAgeGroupWhenTaken.'50s'"));
        assertEquals(1, delta(before, after, "byCategory.find { it.category == 'DETAINEE' }.byAgeGroupWhenTaken.'20s'"));
        assertEquals(1, delta(before, after,
                "byCategory.find { it.category == 'DETAINEE' }.byAgeGroupWhenTaken.'under 10'"));
        assertEquals(1, delta(before, after,
                "byCategory.find { it.category == 'DETAINEE' }.byAgeGroupWhenTaken.unknown"));
        assertEquals(1, delta(before, after, "byState.DECEASED"));
        assertEquals(1, delta(before, after, "byAgeGroupWhenTaken.'50s'"));
        assertEquals(2, delta(before, after, "byYearTaken.'2015'"));
        assertEquals(1, delta(before, after, "byYearTaken.'2013'"));
        assertEquals(1, delta(before, after, "byYearTaken.'2016'"));
    }

    @Test
    void everyCategoryStateAndAgeGroupIsListedAndCountsAddUp() {
        JsonPath figures = statistics();
        List<Map<String, Object>> categories = figures.getList("byCategory");
        assertEquals(Category.values().length, categories.size());
        assertEquals(CaseState.values().length, figures.getMap("byState").size());
        assertEquals(List.of("under 10", "10s", "20s", "30s", "40s", "50s", "60s", "70s", "80s", "90s",
                "100 and over", "unknown"), List.copyOf(figures.getMap("byAgeGroupWhenTaken").keySet()));
        long total = figures.getLong("total");
        assertEquals(total, categories.stream().mapToLong(c -> ((Number) c.get("total")).longValue()).sum());
        assertEquals(total, figures.getMap("byState").values().stream().mapToLong(v -> ((Number) v).longValue()).sum());
        assertEquals(total, figures.getMap("byAgeGroupWhenTaken").values().stream()
                .mapToLong(v -> ((Number) v).longValue()).sum());
        Map<String, Object> years = figures.getMap("byYearTaken");
        assertEquals(total, years.values().stream().mapToLong(v -> ((Number) v).longValue()).sum());
        List<String> keys = List.copyOf(years.keySet());
        assertEquals("unknown", keys.get(keys.size() - 1), "the years in order, then unknown");
        assertEquals(keys.subList(0, keys.size() - 1).stream().sorted().toList(), keys.subList(0, keys.size() - 1));
    }

    @Test
    void oneCategoryAndBadParameters() {
        given().queryParam("category", "DEFECTOR").get("/api/v1/statistics").then().statusCode(200)
                .body("byCategory.size()", equalTo(1))
                .body("byCategory[0].category", equalTo("DEFECTOR"));
        given().queryParam("category", "TOURIST").get("/api/v1/statistics").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("category"));
    }

    private static JsonPath statistics() {
        return given().get("/api/v1/statistics").then().statusCode(200).extract().jsonPath();
    }

    private static long delta(JsonPath before, JsonPath after, String path) {
        return count(after, path) - count(before, path);
    }

    /** The number at {@code path}; 0 where the key is absent (a year no case was taken in). */
    private static long count(JsonPath figures, String path) {
        Object value = figures.get(path);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
