package org.homeward.cases.protection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.cases.protection.persistence.CaseKeys;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.events.Captured;
import org.homeward.events.CaseErased;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.ErasureReason;
import org.homeward.events.EventRetracted;
import org.homeward.events.LetterReceived;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.ProofOfLife;
import org.homeward.events.Sex;
import org.homeward.events.TransitionStatus;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding: a CASE_ERASED destroys the case's key. Afterwards the case answers 410 on every read, is in no
 * search, list or duplicate list, its {@code case_keys} row is gone, the sealed values a dump took before the erasure
 * open neither with the ring nor with the service, other cases are untouched, the statistics still count it, a second
 * erasure changes nothing, and an event that arrives later stores nothing of what it says.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class CaseErasureTest {

    private static final String PARTNER = "erasure-partner";
    private static CaseEventsOnKafka kafka;

    @Inject
    PersonalData personalData;

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
    void anErasedCaseIsGoneForGoodAndEverythingElseStays() throws Exception {
        String name = "최" + syllable() + syllable();
        UUID erased = UUID.randomUUID();
        kafka.publish(erased, new CaseOpened(Category.WAR_ABDUCTEE,
                new Person(name, List.of("Choi Dong-su"), 1930, Sex.MALE, "Kaesong"), "Seoul, Jongno",
                LocalDate.of(1950, 9, 15)));
        kafka.publish(erased, new Captured("North Korea", "Seoul"));
        UUID note = kafka.publish(erased, new NoteAdded("his sister lives in Incheon"));
        kafka.publish(erased, new LetterReceived("his sister", "the Red Cross", LocalDate.of(2020, 1, 2),
                LocalDate.of(2020, 3, 4), "ko", "asks about the family grave", "doc-erasure"));
        kafka.publish(erased, new ProofOfLife("a video reunion", LocalDate.of(2024, 5, 5)));
        kafka.publish(erased, new EventRetracted(note, "written about his cousin"));
        kafka.publish(erased, new CaseShared(PARTNER, "family tracing"));
        CaseEventsOnKafka.awaitVersion(erased, 6);
        // Another case of the organisation, the same person by name: a possible duplicate of the first.
        UUID kept = kafka.open(Category.WAR_ABDUCTEE, name, List.of(), 1930, LocalDate.of(1950, 9, 15));
        given().get("/api/v1/cases/{id}/possible-duplicates", kept).then().statusCode(200)
                .body("items.caseId", hasItem(erased.toString()));
        JsonPath before = statistics();

        // A dump before the erasure: what a backup holds of the case.
        Map<String, String> dump = sealedValues(erased);
        assertTrue(dump.size() >= 9, "person, place, claims, timeline payloads and the retraction reason");
        dump.values().forEach(value -> assertTrue(value.startsWith(CaseKeys.PREFIX), "under the case key"));
        String wrappedBefore = wrappedKey(erased);
        assertTrue(wrappedBefore != null);

        // Another organisation cannot erase it: rejected, nothing changes.
        UUID foreign = kafka.publish(erased, new CaseErased(ErasureReason.SAFETY), PARTNER);
        CaseTransition refused = kafka.transitionOf(erased, foreign);
        assertEquals(TransitionStatus.REJECTED, refused.status());
        given().get("/api/v1/cases/{id}", erased).then().statusCode(200).body("person.hangulName", equalTo(name));

        UUID erasure = kafka.publish(erased, new CaseErased(ErasureReason.CONSENT_WITHDRAWN));
        CaseTransition done = kafka.transitionOf(erased, erasure);
        assertEquals(TransitionStatus.APPLIED, done.status());
        assertEquals("ERASED", done.toState().name());

        // Every read answers 410, to the owner and to the partner it was shared with; a stranger still gets 404.
        for (String path : List.of("/api/v1/cases/{id}", "/api/v1/cases/{id}/timeline",
                "/api/v1/cases/{id}/possible-duplicates")) {
            given().get(path, erased).then().statusCode(410).contentType("application/problem+json")
                    .body("type", equalTo("https://homeward.org/problems/case-erased"));
            Callers.as(PARTNER, "tracer-1", Roles.CASEWORKER).get(path, erased).then().statusCode(410);
            Callers.as("stranger-org", "nobody", Roles.CASEWORKER).get(path, erased).then().statusCode(404);
        }
        Callers.as(Callers.ORGANISATION, "admin-1", Roles.ADMIN).get("/api/v1/cases/{id}/access", erased).then()
                .statusCode(410);
        // In no search, list or duplicate list.
        given().queryParam("q", name).get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", not(hasItem(erased.toString())))
                .body("items.caseId", hasItem(kept.toString()));
        given().queryParam("size", 100).get("/api/v1/cases").then().statusCode(200)
                .body("items.caseId", not(hasItem(erased.toString())));
        given().get("/api/v1/cases/{id}/possible-duplicates", kept).then().statusCode(200)
                .body("items.caseId", not(hasItem(erased.toString())));

        // Its key is gone, and with it every value: a dump taken before opens neither with the ring nor here.
        assertNull(wrappedKey(erased), "the case_keys row is deleted");
        dump.forEach((context, value) -> {
            assertThrows(IllegalStateException.class, () -> personalData.cipher().open(value, context),
                    "the ring does not open " + context);
            assertThrows(CaseKeys.Destroyed.class, () -> personalData.open(erased, value, context),
                    "the service does not open " + context);
        });
        // Nothing but values under the destroyed key stays in its rows, and no fact about the person.
        sealedValues(erased).values().forEach(value -> assertTrue(value.startsWith(CaseKeys.PREFIX)));
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet row = sql.executeQuery("select state, date_taken, stated_destination, conflicts::text, "
                    + "vital_status, (select count(*) from case_name_keys k where k.case_id = c.case_id), "
                    + "(select count(*) from timeline_entries t where t.case_id = c.case_id and t.reason is not null "
                    + "and t.type <> 'CASE_ERASED'), (select count(*) from audit_log a where a.case_id = c.case_id) "
                    + "from cases c where case_id = '" + erased + "'");
            assertTrue(row.next());
            assertEquals("ERASED", row.getString(1));
            assertNull(row.getObject(2));
            assertNull(row.getObject(3));
            assertEquals("[]", personalData.open(row.getString(4), PersonalData.conflicts(erased)), "no conflicts");
            assertEquals("UNKNOWN", row.getString(5));
            assertEquals(0, row.getLong(6), "no search or duplicate keys");
            assertEquals(0, row.getLong(7), "no rejection reasons (they quote what was reported)");
            assertTrue(row.getLong(8) > 0, "the audit trail stays");
        }

        // The other case is untouched.
        given().get("/api/v1/cases/{id}", kept).then().statusCode(200).body("person.hangulName", equalTo(name));
        assertTrue(wrappedKey(kept) != null);

        // Counts remain: the case is still counted, now as ERASED.
        JsonPath after = statistics();
        assertEquals(before.getLong("total"), after.getLong("total"));
        assertEquals(count(before, "byState.ERASED") + 1, count(after, "byState.ERASED"));

        // A second erasure changes nothing; an event after the erasure stores nothing of what it says.
        long version = version(erased);
        kafka.publish(erased, new CaseErased(ErasureReason.LEGAL_ORDER));
        kafka.publish(erasure, erased, new CaseErased(ErasureReason.CONSENT_WITHDRAWN), Callers.ORGANISATION);
        // A late event sealed under the case's key (as intake seals) no longer opens: it is passed over unread. One
        // in clear (as written before sealing) is refused, and its payload is not stored.
        kafka.publish(erased, new NoteAdded("the family moved to Busan-erasure, sealed"));
        UUID late = kafka.publishInClear(erased, new NoteAdded("the family moved to Busan-erasure"));
        CaseTransition lateTransition = kafka.transitionOf(erased, late);
        assertEquals(TransitionStatus.REJECTED, lateTransition.status());
        assertEquals(version + 1, version(erased), "only the late note in clear counted; the erasures and the "
                + "unreadable note did not");
        assertNull(wrappedKey(erased), "no key is made again");
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet entry = sql.executeQuery("select data, status, (select count(*) from timeline_entries t2 "
                    + "where t2.case_id = t.case_id and t2.type = 'CASE_ERASED') from timeline_entries t "
                    + "where event_id = '" + late + "'");
            assertTrue(entry.next());
            assertNull(entry.getString(1), "the late event's payload is not stored");
            assertEquals("REJECTED", entry.getString(2));
            assertEquals(2, entry.getLong(3), "the refused erasure and the erasure; the second one left nothing");
            ResultSet all = sql.executeQuery("select count(*) from timeline_entries t where t::text like "
                    + "'%Busan-erasure%'");
            all.next();
            assertEquals(0, all.getLong(1));
        }
        given().get("/api/v1/cases/{id}", erased).then().statusCode(410);
    }

    /** A random Hangul syllable: a name no other test uses. */
    private static String syllable() {
        return String.valueOf((char) (0xAC00 + java.util.concurrent.ThreadLocalRandom.current().nextInt(11172)));
    }

    /** Context -> stored value of every non-null sealed column of the case. */
    private static Map<String, String> sealedValues(UUID caseId) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet c = sql.executeQuery("select person, place_taken, vital_claims from cases where case_id = '"
                    + caseId + "'");
            assertTrue(c.next());
            put(values, PersonalData.person(caseId), c.getString(1));
            put(values, PersonalData.placeTaken(caseId), c.getString(2));
            put(values, PersonalData.vitalClaims(caseId), c.getString(3));
            ResultSet t = sql.executeQuery("select event_id, data, retraction_reason from timeline_entries "
                    + "where case_id = '" + caseId + "'");
            while (t.next()) {
                UUID eventId = t.getObject(1, UUID.class);
                put(values, PersonalData.timelineData(eventId), t.getString(2));
                put(values, PersonalData.retractionReason(eventId), t.getString(3));
            }
        }
        return values;
    }

    private static void put(Map<String, String> values, String context, String value) {
        if (value != null) {
            values.put(context, value);
        }
    }

    private static String wrappedKey(UUID caseId) throws SQLException {
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet rs = sql.executeQuery("select wrapped from case_keys where case_id = '" + caseId + "'");
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long version(UUID caseId) throws SQLException {
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet rs = sql.executeQuery("select version from cases where case_id = '" + caseId + "'");
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static JsonPath statistics() {
        return given().get("/api/v1/statistics").then().statusCode(200).extract().jsonPath();
    }

    private static long count(JsonPath figures, String path) {
        Object value = figures.get(path);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
