package org.homeward.cases.statistics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.cases.statistics.domain.AgeGroup;
import org.homeward.events.Captured;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.Category;
import org.homeward.events.DeathReported;
import org.homeward.events.Person;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics are kept in {@code case_counts} by the transaction of each change rather than counted on read: after
 * an opening, a transition, a share and an unshare, what {@code GET /api/v1/statistics} answers each organisation
 * equals a count made on read with SQL over {@code cases} and {@code case_access}, and the whole table equals a
 * recount for every organisation.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class StatisticsMaintainedTest {

    private static CaseEventsOnKafka events;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void connect() {
        events = new CaseEventsOnKafka();
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @Test
    void statisticsAfterOpeningTransitionShareAndUnshareEqualACountOnRead() throws Exception {
        String owner = "org-stats-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String partner = "org-stats-partner-" + UUID.randomUUID().toString().substring(0, 8);

        // Ages 25 and 9 when taken, one without a birth year, one without a date taken.
        UUID soldier = open(owner, Category.NORTH_KOREAN_POW, 2000, LocalDate.of(2025, 1, 9));
        UUID child = open(owner, Category.WAR_ABDUCTEE, 1941, LocalDate.of(1950, 9, 15));
        UUID noBirthYear = open(owner, Category.WAR_ABDUCTEE, null, LocalDate.of(1950, 9, 15));
        UUID noDate = open(owner, Category.DETAINEE, 1960, null);
        for (UUID caseId : List.of(soldier, child, noBirthYear, noDate)) {
            awaitVersion(owner, caseId, 0);
        }
        assertStatisticsAreACountOnRead(owner, 4);
        assertStatisticsAreACountOnRead(partner, 0);

        // A transition moves a case from one state to another.
        events.publish(soldier, new Captured("Ukraine", "Kursk front"), owner);
        awaitVersion(owner, soldier, 1);
        assertStatisticsAreACountOnRead(owner, 4);

        // A share counts the case for the partner, as it is now.
        events.publish(soldier, new CaseShared(partner, "referral"), owner);
        events.publish(child, new CaseShared(partner, "referral"), owner);
        awaitVersion(owner, soldier, 2);
        awaitVersion(owner, child, 1);
        assertStatisticsAreACountOnRead(partner, 2);
        assertStatisticsAreACountOnRead(owner, 4);

        // A transition of a shared case moves it for both.
        events.publish(child, new DeathReported("KCNA", LocalDate.of(2018, 3, 1)), owner);
        awaitVersion(owner, child, 2);
        given(caseworker(partner)).get("/api/v1/cases/{id}", child).then().body("state", equalTo("DECEASED"));
        assertStatisticsAreACountOnRead(partner, 2);
        assertStatisticsAreACountOnRead(owner, 4);

        // An unshare uncounts it for the partner only.
        events.publish(soldier, new CaseUnshared(partner, "referral closed"), owner);
        awaitVersion(owner, soldier, 3);
        assertStatisticsAreACountOnRead(partner, 1);
        assertStatisticsAreACountOnRead(owner, 4);

        assertEveryOrganisationsCountsAreARecount();
    }

    /** {@code GET /api/v1/statistics} as a caseworker of the organisation, field by field against SQL on read. */
    private void assertStatisticsAreACountOnRead(String organisation, long expectedTotal) throws Exception {
        JsonPath figures = given(caseworker(organisation)).get("/api/v1/statistics").then().statusCode(200).extract()
                .jsonPath();
        Map<List<String>, Long> counted = countOnRead(organisation);
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(expectedTotal, total, "the SQL count itself");
        assertEquals(total, figures.getLong("total"));
        for (String state : List.of("REPORTED", "IN_CUSTODY", "DECEASED", "TRANSFERRED")) {
            assertEquals(sum(counted, null, state, null, null), figures.getLong("byState." + state), state);
        }
        for (String group : AgeGroup.all()) {
            assertEquals(sum(counted, null, null, group, null),
                    figures.getLong("byAgeGroupWhenTaken.'" + group + "'"), group);
        }
        for (Category category : Category.values()) {
            String path = "byCategory.find { it.category == '" + category + "' }";
            assertEquals(sum(counted, category.name(), null, null, null), figures.getLong(path + ".total"),
                    category.name());
            for (String state : List.of("REPORTED", "IN_CUSTODY", "DECEASED")) {
                assertEquals(sum(counted, category.name(), state, null, null),
                        figures.getLong(path + ".byState." + state), category + " " + state);
            }
        }
        Map<String, Object> byYear = figures.getMap("byYearTaken");
        for (String year : List.of("1950", "2025", AgeGroup.UNKNOWN)) {
            long expected = sum(counted, null, null, null, year);
            assertEquals(expected, byYear.containsKey(year) ? ((Number) byYear.get(year)).longValue() : 0L, year);
        }
    }

    /** Every organisation's row in case_counts equals a count over cases and case_access made now. */
    private void assertEveryOrganisationsCountsAreARecount() throws Exception {
        String kept = "select organisation, category, state, age_group, year_taken, cases from case_counts"
                + " where cases <> 0";
        String recount = "select a.organisation, c.category, c.state, coalesce(c.age_group_when_taken, 'unknown'),"
                + " coalesce(c.year_taken, 0), count(*) from case_access a"
                + " join cases c on c.case_id = a.case_id group by 1, 2, 3, 4, 5";
        // The consumer may still be taking another test's events: compare once both reads agree.
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> {
            Map<List<String>, Long> expected = rows(recount);
            assertFalse(expected.isEmpty());
            assertEquals(expected, rows(kept));
        });
    }

    /** Cases the organisation may see, by category, state, age group when taken and year taken, counted now. */
    private Map<List<String>, Long> countOnRead(String organisation) throws Exception {
        return rows("select c.category, c.state, coalesce(c.age_group_when_taken, 'unknown'),"
                + " coalesce(c.year_taken::text, 'unknown'), count(*) from cases c"
                + " where exists (select 1 from case_access a where a.case_id = c.case_id and a.organisation = '"
                + organisation.replace("'", "''") + "') group by 1, 2, 3, 4");
    }

    private static long sum(Map<List<String>, Long> counted, String category, String state, String ageGroup,
            String year) {
        return counted.entrySet().stream().filter(e -> (category == null || category.equals(e.getKey().get(0)))
                && (state == null || state.equals(e.getKey().get(1)))
                && (ageGroup == null || ageGroup.equals(e.getKey().get(2)))
                && (year == null || year.equals(e.getKey().get(3))))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Rows of text columns and a count last, keyed by the text columns. */
    private Map<List<String>, Long> rows(String sql) throws Exception {
        Map<List<String>, Long> rows = new TreeMap<>((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> key = new java.util.ArrayList<>();
                for (int i = 1; i < columns; i++) {
                    key.add(rs.getString(i));
                }
                rows.put(key, rs.getLong(columns));
            }
        }
        return rows;
    }

    private static UUID open(String owner, Category category, Integer birthYear, LocalDate dateTaken) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, new CaseOpened(category, new Person(null, List.of("Pyo Min-jae"), birthYear, null,
                null), null, dateTaken), owner);
        return caseId;
    }

    private static void awaitVersion(String organisation, UUID caseId, int version) {
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(caseworker(organisation))
                .get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("version", equalTo(version)));
    }

    private static RequestSpecification caseworker(String organisation) {
        return Callers.as(organisation, "caseworker-of-" + organisation, Roles.CASEWORKER);
    }
}
