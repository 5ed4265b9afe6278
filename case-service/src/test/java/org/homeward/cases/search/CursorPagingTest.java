package org.homeward.cases.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.cases.search.domain.IndexedFacts;
import org.homeward.cases.search.domain.NameKeys;
import org.homeward.cases.search.domain.Romanizer;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.events.Captured;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.Person;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of the case list, the search and the possible duplicates, against the real service, Kafka and
 * PostgreSQL: following {@code next} as {@code after} walks every case exactly once in the list's order, cases opened
 * during the walk neither repeat nor push any case out of it, and a cursor the service did not write is a 400 problem
 * naming {@code after}. Each test uses an organisation of its own, so its lists hold only its own cases, and compares
 * with a direct SQL query on {@code cases}.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class CursorPagingTest {

    private static final String CURSOR = "v1\\.[LSD]\\.\\d\\.-?\\d+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"
            + "-[0-9a-f]{12}";

    private static CaseEventsOnKafka events;

    @Inject
    DataSource dataSource;

    @Inject
    NameIndex nameIndex;

    @BeforeAll
    static void connect() {
        events = new CaseEventsOnKafka();
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @Test
    void walkingTheListByCursorShowsEveryCaseOnceNewestFirstWhileCasesAreOpened() throws Exception {
        String org = organisation();
        List<UUID> opened = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            opened.add(publishOpening(org, uniqueName(), i % 2 == 0 ? Category.WAR_ABDUCTEE : Category.DETAINEE));
        }
        awaitVisible(org, opened);
        List<UUID> before = ids("select case_id from cases where owner_organisation = ?"
                + " order by opened_at desc, case_id desc", org);
        assertEquals(13, before.size());

        List<UUID> walked = new ArrayList<>();
        List<UUID> openedDuringTheWalk = new ArrayList<>();
        JsonPath page = list(org, Map.of("size", 4));
        assertEquals(13, page.getLong("total"));
        while (true) {
            walked.addAll(caseIds(page));
            String next = page.getString("next");
            if (next == null) {
                break;
            }
            // Another caseworker opens cases between two pages: newer than every case shown so far.
            UUID added = publishOpening(org, uniqueName(), Category.DETAINEE);
            awaitVisible(org, List.of(added));
            openedDuringTheWalk.add(added);
            page = list(org, Map.of("size", 4, "after", next));
        }
        assertEquals(before, walked, "every case once, newest first, none skipped or repeated");
        assertTrue(openedDuringTheWalk.stream().noneMatch(walked::contains));
        assertEquals(13 + openedDuringTheWalk.size(), page.getLong("total"));
        assertTrue(page.getBoolean("totalExact"));

        // A fresh walk shows them all; the last page has no next.
        List<UUID> all = ids("select case_id from cases where owner_organisation = ?"
                + " order by opened_at desc, case_id desc", org);
        assertEquals(all, walk(caseworker(org), "/api/v1/cases", Map.of("size", 5)));

        // Filtered by category and state: the copies in case_access follow a case's new state.
        UUID captured = before.get(2);
        events.publish(captured, new Captured("North Korea", "Pyongyang"), org);
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(caseworker(org))
                .get("/api/v1/cases/{id}", captured).then().statusCode(200).body("state", equalTo("IN_CUSTODY")));
        for (Map<String, Object> filter : List.of(Map.<String, Object>of("state", "REPORTED"),
                Map.<String, Object>of("state", "IN_CUSTODY"), Map.<String, Object>of("category", "DETAINEE"),
                Map.<String, Object>of("category", "WAR_ABDUCTEE", "state", "REPORTED"))) {
            Map<String, Object> query = new HashMap<>(filter);
            query.put("size", 3);
            String where = filter.keySet().stream().sorted().map(k -> " and " + k + " = '" + filter.get(k) + "'")
                    .reduce("", String::concat);
            List<UUID> expected = ids("select case_id from cases where owner_organisation = ?" + where
                    + " order by opened_at desc, case_id desc", org);
            assertEquals(expected, walk(caseworker(org), "/api/v1/cases", query), filter.toString());
            JsonPath first = list(org, query);
            assertEquals(expected.size(), first.getLong("total"), filter.toString());
        }
    }

    @Test
    void searchPagesWalkEveryMatchOnceByRankThenNewestAcrossRanks() throws Exception {
        String org = organisation();
        String hangul = uniqueName();
        String revised = Romanizer.name(hangul, Romanizer.Scheme.REVISED);
        // Rank 0 for a search of the Hangul: the very spelling on record; rank 1: the same name romanised.
        List<UUID> asWritten = new ArrayList<>();
        List<UUID> romanised = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            asWritten.add(publishOpening(org, new Person(hangul, List.of(), 1930 + i * 10, null, null)));
            romanised.add(publishOpening(org, new Person(null, List.of(revised), 1931 + i * 10, null, null)));
        }
        List<UUID> all = new ArrayList<>(asWritten);
        all.addAll(romanised);
        awaitVisible(org, all);
        List<UUID> expected = new ArrayList<>(newestFirst(asWritten));
        expected.addAll(newestFirst(romanised));

        // Pages of two cross from rank 0 to rank 1 in the middle of a page.
        List<UUID> walked = walk(caseworker(org), "/api/v1/cases", Map.of("q", hangul, "size", 2));
        assertEquals(expected, walked);
        assertEquals(expected, caseIds(list(org, Map.of("q", hangul, "size", 100))), "one page says the same");

        // A surname alone matches all six at one rank (its keys by surname and by given name, merged), newest
        // first; a case opened during the walk is newer than the cursor and does not come back into it.
        String surname = hangul.substring(0, 1);
        List<UUID> bySurname = newestFirst(all);
        JsonPath page = list(org, Map.of("q", surname, "size", 4));
        List<UUID> surnameWalk = new ArrayList<>(caseIds(page));
        UUID added = publishOpening(org, new Person(hangul, List.of(), 1950, null, null));
        awaitVisible(org, List.of(added));
        while (page.getString("next") != null) {
            page = list(org, Map.of("q", surname, "size", 4, "after", page.getString("next")));
            surnameWalk.addAll(caseIds(page));
        }
        assertEquals(bySurname, surnameWalk);

        // The cursor holds a position and nothing of the name searched.
        String next = list(org, Map.of("q", hangul, "size", 1)).getString("next");
        String decoded = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.US_ASCII);
        assertTrue(decoded.matches(CURSOR), decoded);
        for (String part : List.of(hangul, revised, revised.split(" ")[0], revised.split(" ")[1])) {
            assertFalse(next.contains(part) || decoded.toLowerCase().contains(part.toLowerCase()), part);
        }
    }

    @Test
    void aNameSharedByMoreCasesThanASearchCountsIsStillWalkedWholeByCursor() throws Exception {
        String org = organisation();
        String surname = "탁";
        int cases = NameIndex.COUNT_LIMIT + 30;
        List<UUID> ids = new ArrayList<>();
        Map<UUID, String> names = new HashMap<>();
        // Stored directly, as many cases as a broad surname has; each with a given name of its own (no duplicates).
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement caseRow = db.prepareStatement("insert into cases (case_id, category, state,"
                    + " owner_organisation, person, conflicts, opened_at, updated_at, version, name_keys_version,"
                    + " name_keys_index) values (?, 'WAR_ABDUCTEE', 'REPORTED', ?, ?, '[]',"
                    + " now() - make_interval(secs => ?), now(), 0, ?, ?)");
                    PreparedStatement access = db.prepareStatement("insert into case_access (case_id, organisation,"
                            + " granted_at) values (?, ?, now())")) {
                for (int i = 0; i < cases; i++) {
                    UUID caseId = UUID.randomUUID();
                    ids.add(caseId);
                    names.put(caseId, uniqueName());
                    caseRow.setObject(1, caseId);
                    caseRow.setString(2, org);
                    caseRow.setString(3, "{\"hangulName\": \"" + names.get(caseId) + "\"}");
                    caseRow.setDouble(4, i);
                    caseRow.setInt(5, NameKeys.VERSION);
                    caseRow.setString(6, nameIndex.indexKeyFingerprint());
                    caseRow.addBatch();
                    access.setObject(1, caseId);
                    access.setString(2, org);
                    access.addBatch();
                }
                caseRow.executeBatch();
                access.executeBatch();
            }
            db.commit();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (UUID caseId : ids) {
                nameIndex.replace(caseId, IndexedFacts.of(new Person(names.get(caseId), List.of(), null, null, null),
                        null));
            }
        });

        JsonPath first = list(org, Map.of("q", surname, "size", 100));
        assertFalse(first.getBoolean("totalExact"), "more candidates than a search counts among");
        assertTrue(first.getLong("total") >= 100 && first.getLong("total") <= cases, first.getString("total"));
        List<UUID> walked = walk(caseworker(org), "/api/v1/cases", Map.of("q", surname, "size", 100));
        assertEquals(newestFirst(ids), walked, "every case once, newest first");
        // The list without a query counts exactly, from the counts kept.
        assertEquals(cases, list(org, Map.of()).getLong("total"));
    }

    @Test
    void possibleDuplicatesArePagedByCursorOldestFirst() throws Exception {
        String org = organisation();
        String hangul = uniqueName();
        UUID first = publishOpening(org, new Person(hangul, List.of(), 1940, null, null));
        awaitVisible(org, List.of(first));
        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(publishOpening(org, new Person(hangul, List.of(), 1940 + (i % 2), null, null)));
        }
        awaitVisible(org, others);
        List<UUID> expected = ids("select case_id from cases where case_id = any(?) order by opened_at, case_id",
                others.toArray(new UUID[0]));
        assertEquals(expected, walk(caseworker(org), "/api/v1/cases/" + first + "/possible-duplicates",
                Map.of("size", 1)));
        given(caseworker(org)).queryParam("size", 3).get("/api/v1/cases/{id}/possible-duplicates", first).then()
                .statusCode(200).body("total", equalTo(4)).body("totalExact", equalTo(true))
                .body("next", matchesPattern("[A-Za-z0-9_-]+"));
    }

    @Test
    void aCursorTheServiceDidNotWriteIsA400NamingAfter() {
        String org = organisation();
        RequestSpecification caseworker = caseworker(org);
        List<String> bad = List.of("garbage!", "bm90IGEgY3Vyc29y", base64("v1.L.0.123.not-a-uuid"),
                base64("v2.L.0.123." + UUID.randomUUID()), base64("v1.L.0." + UUID.randomUUID()), "A".repeat(500));
        for (String after : bad) {
            given(caseworker).queryParam("after", after).get("/api/v1/cases").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://homeward.org/problems/bad-request"))
                    .body("errors[0].pointer", equalTo("after"));
        }
        // A cursor of the list is not one of a search, nor of the duplicates.
        String ofTheList = base64("v1.L.0.1796443952101000." + UUID.randomUUID());
        given(caseworker).queryParam("q", "Kim").queryParam("after", ofTheList).get("/api/v1/cases").then()
                .statusCode(400).body("errors[0].pointer", equalTo("after"));
        given(caseworker).queryParam("after", ofTheList)
                .get("/api/v1/cases/{id}/possible-duplicates", UUID.randomUUID()).then()
                .statusCode(400).body("errors[0].pointer", equalTo("after"));
        // A well-formed cursor of the list is a position, whatever case it names.
        given(caseworker).queryParam("after", ofTheList).get("/api/v1/cases").then().statusCode(200);

        // Offsets are bounded: 1,000 cases skipped at most, and never together with a cursor.
        given(caseworker).queryParam("page", 10).queryParam("size", 100).get("/api/v1/cases").then()
                .statusCode(200).body("page", equalTo(10));
        given(caseworker).queryParam("page", 11).queryParam("size", 100).get("/api/v1/cases").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("page"));
        given(caseworker).queryParam("page", 1).queryParam("after", ofTheList).get("/api/v1/cases").then()
                .statusCode(422).body("errors[0].pointer", equalTo("page"));
    }

    private JsonPath list(String org, Map<String, ?> query) {
        return given(caseworker(org)).queryParams(query).get("/api/v1/cases").then().statusCode(200).extract()
                .jsonPath();
    }

    /** Follows {@code next} from the first page to the last; the ids in the order shown. */
    private static List<UUID> walk(RequestSpecification caller, String path, Map<String, ?> query) {
        List<UUID> walked = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Map<String, Object> params = new HashMap<>(query);
            if (next != null) {
                params.put("after", next);
            }
            JsonPath page = given(caller).queryParams(params).get(path).then().statusCode(200).extract().jsonPath();
            walked.addAll(caseIds(page));
            next = page.getString("next");
            assertTrue(++pages <= 100, "the walk ends");
        } while (next != null);
        assertEquals(walked.size(), new LinkedHashSet<>(walked).size(), "no case twice: " + walked);
        return walked;
    }

    private static List<UUID> caseIds(JsonPath page) {
        return page.getList("items.caseId", String.class).stream().map(UUID::fromString).toList();
    }

    private List<UUID> newestFirst(List<UUID> caseIds) throws Exception {
        return ids("select case_id from cases where case_id = any(?) order by opened_at desc, case_id desc",
                caseIds.toArray(new UUID[0]));
    }

    private List<UUID> ids(String sql, Object parameter) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter instanceof UUID[] array) {
                statement.setArray(1, db.createArrayOf("uuid", array));
            } else {
                statement.setObject(1, parameter);
            }
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static UUID publishOpening(String org, String hangul, Category category) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, new CaseOpened(category, new Person(hangul, List.of(), 1935, null, null), null,
                LocalDate.of(1953, 7, 27)), org);
        return caseId;
    }

    private static UUID publishOpening(String org, Person person) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, new CaseOpened(Category.SOUTH_KOREAN_POW, person, null, LocalDate.of(1953, 7, 27)),
                org);
        return caseId;
    }

    private static void awaitVisible(String org, List<UUID> caseIds) {
        for (UUID caseId : caseIds) {
            await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(caseworker(org))
                    .get("/api/v1/cases/{id}", caseId).then().statusCode(200));
        }
    }

    private static RequestSpecification caseworker(String organisation) {
        return Callers.as(organisation, "caseworker-of-" + organisation, Roles.CASEWORKER);
    }

    private static String organisation() {
        return "org-paging-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A Hangul name no other test uses: a rare surname and a random three-syllable given name. */
    private static String uniqueName() {
        String syllables = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder("탁");
        for (int i = 0; i < 3; i++) {
            name.append(syllables.charAt(random.nextInt(syllables.length())));
        }
        return name.toString();
    }
}
