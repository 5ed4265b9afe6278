package org.homeward.cases.protection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.cases.protection.persistence.KeyRotation;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.events.Captured;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.IntentMethod;
import org.homeward.events.LetterReceived;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.Sex;
import org.homeward.events.Transferred;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dump of the case database shows no personal data: the seed story (SeedStoryIT's soldier, his capture, his letter,
 * his intent and transfer) goes in through Kafka, then every row of every table is read raw over JDBC and searched for
 * the names, places and letter text used. The API still shows them, opened.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class PersonalDataAtRestTest {

    /** Every personal string the story uses; none may be found in the raw tables. */
    private static final List<String> PERSONAL = List.of("리광철", "Ri Gwang-cheol", "Gwang", "Kursk oblast",
            "Kursk front", "Kursk", "Rason", "asks to be sent to South Korea", "the soldier", "doc-118",
            "met his mother's cousin", "his uncle in Rason", "confused with his brother Gwang-il");

    private static CaseEventsOnKafka kafka;

    @Inject
    PersonalData personalData;

    @Inject
    KeyRotation rotation;

    @Inject
    DataSource dataSource;

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
    void aDumpOfTheTablesShowsNoNameBirthDataPlaceOrLetterText() throws Exception {
        UUID caseId = UUID.randomUUID();
        kafka.publish(caseId, new CaseOpened(Category.NORTH_KOREAN_POW,
                new Person("리광철", List.of("Ri Gwang-cheol"), 2000, Sex.MALE, "Rason"), "Kursk oblast, Russia",
                LocalDate.of(2025, 1, 9)));
        kafka.publish(caseId, new Captured("Ukraine", "Kursk front"));
        UUID letter = kafka.publish(caseId, new LetterReceived("the soldier", "a defector organisation",
                LocalDate.of(2025, 10, 28), LocalDate.of(2025, 11, 12), "ko", "asks to be sent to South Korea",
                "doc-118"));
        kafka.publish(caseId, new DefectionIntentStated("South Korea", IntentMethod.LETTER, letter));
        kafka.publish(caseId, new Transferred("Ukraine", "South Korea"));
        UUID note = kafka.publish(caseId, new NoteAdded("met his mother's cousin"));
        // A claim whose source is personal, and a retraction whose reason is: both sealed.
        kafka.publish(caseId, new org.homeward.events.ProofOfLife("his uncle in Rason", LocalDate.of(2025, 12, 1)));
        kafka.publish(caseId, new org.homeward.events.EventRetracted(note, "confused with his brother Gwang-il"));
        CaseEventsOnKafka.awaitVersion(caseId, 7);

        // Through the API, everything opens.
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("person.hangulName", equalTo("리광철"))
                .body("person.romanizedNames[0]", equalTo("Ri Gwang-cheol"))
                .body("person.birthYear", equalTo(2000))
                .body("person.placeOfOrigin", equalTo("Rason"))
                .body("placeTaken", equalTo("Kursk oblast, Russia"));
        given().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items[1].location", equalTo("Kursk front"))
                .body("items[2].summary", equalTo("asks to be sent to South Korea"))
                .body("items[5].text", equalTo("met his mother's cousin"))
                .body("items[5].status", equalTo("RETRACTED"))
                .body("items[5].retractionReason", equalTo("confused with his brother Gwang-il"))
                .body("items[6].source", equalTo("his uncle in Rason"));
        given().get("/api/v1/cases/{id}", caseId).then().body("vitalClaims.source", org.hamcrest.Matchers.contains("a defector organisation", "his uncle in Rason"));

        // In the database, nothing does.
        List<String> dump = dump();
        assertFalse(dump.isEmpty());
        for (String row : dump) {
            for (String personal : PERSONAL) {
                assertFalse(row.contains(personal), () -> "a raw row holds personal data: " + row.substring(0,
                        Math.min(60, row.length())) + "...");
            }
            assertFalse(row.contains("hangulName") || row.contains("birthYear") || row.contains("\"summary\""),
                    "no person or letter JSON in clear");
        }
        // The story's personal columns are sealed under the case's own key, each bound to its row and column.
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet rs = sql.executeQuery("select person, place_taken from cases where case_id = '" + caseId + "'");
            assertTrue(rs.next());
            String person = rs.getString(1);
            String caseKey = "enc:v2:case:";
            assertTrue(person.startsWith(caseKey));
            assertTrue(rs.getString(2).startsWith(caseKey));
            assertTrue(personalData.open(caseId, person, PersonalData.person(caseId)).contains("리광철"));
            // A ciphertext moved to another case, or to another column of the same case, does not open.
            UUID other = kafka.open(Category.DETAINEE, "김광원", List.of(), 1931, null);
            assertThrows(IllegalStateException.class, () -> personalData.open(other, person,
                    PersonalData.person(other)));
            assertThrows(IllegalStateException.class, () -> personalData.open(caseId, person,
                    PersonalData.placeTaken(caseId)));
            // The ring alone opens none of it.
            assertThrows(IllegalStateException.class, () -> personalData.open(person, PersonalData.person(caseId)));
            // The case's key is in case_keys, wrapped by the ring's active key for this case.
            ResultSet key = sql.executeQuery("select wrapped from case_keys where case_id = '" + caseId + "'");
            assertTrue(key.next());
            assertTrue(key.getString(1).startsWith("enc:v1:" + personalData.cipher().activeKeyId() + ":"));
            ResultSet timeline = sql.executeQuery("select data from timeline_entries where case_id = '" + caseId + "'");
            int entries = 0;
            while (timeline.next()) {
                assertTrue(timeline.getString(1).startsWith(caseKey));
                entries++;
            }
            assertEquals(8, entries);
            ResultSet sealed = sql.executeQuery("select t.retraction_reason from timeline_entries t"
                    + " where t.case_id = '" + caseId + "' and t.retraction_reason is not null");
            assertTrue(sealed.next());
            assertTrue(sealed.getString(1).startsWith(caseKey), "the retraction's reason");
            ResultSet claims = sql.executeQuery("select vital_claims from cases where case_id = '" + caseId + "'");
            assertTrue(claims.next());
            assertTrue(claims.getString(1).startsWith(caseKey), "the vital claims");

            // No birth data in clear: no column is about birth, and the case's row holds neither the birth year nor
            // the exact age when taken (2025 - 2000), only its decade for statistics.
            ResultSet columns = sql.executeQuery("select table_name || '.' || column_name from information_schema.columns"
                    + " where table_schema = 'public' and (column_name like '%birth%' or column_name like '%age_when%')");
            assertFalse(columns.next(), "a column of birth data exists");
            ResultSet row = sql.executeQuery("select row_to_json(c)::text from cases c where case_id = '" + caseId + "'");
            assertTrue(row.next());
            var json = org.homeward.events.EventCodec.mapper().readTree(row.getString(1));
            json.fields().forEachRemaining(field -> {
                assertFalse(field.getValue().isNumber() && (field.getValue().asInt() == 2000
                        || field.getValue().asInt() == 25), field.getKey() + " holds birth data");
            });
            assertEquals("20s", json.get("age_group_when_taken").asText());
        }
    }

    @Test
    void plaintextFromBeforeEncryptionIsSealedUnderItsCaseKeyByTheServicesOwnRotation() throws Exception {
        // A case and timeline entry as a version before encryption stored them.
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            sql.executeUpdate("insert into cases (case_id, category, state, owner_organisation, person, place_taken,"
                    + " conflicts, opened_at, updated_at, version) values ('" + caseId + "', 'WAR_ABDUCTEE',"
                    + " 'REPORTED', '" + Callers.ORGANISATION + "', '{\"hangulName\": \"박순자\"}', 'Hamhung', '[]',"
                    + " now(), now(), 0)");
            sql.executeUpdate("insert into timeline_entries (event_id, case_id, type, occurred_at, received_at,"
                    + " recorded_at, reported_by, status, urgency, data) values ('" + eventId + "', '" + caseId
                    + "', 'NOTE_ADDED', now(), now(), now(), 'org-test', 'APPLIED', 'LOW',"
                    + " '{\"text\": \"her brother lives in Hamhung\"}')");
            // As V3__case_access.sql granted the owner of every case stored before access was recorded.
            sql.executeUpdate("insert into case_access (case_id, organisation, granted_at) values ('" + caseId
                    + "', '" + Callers.ORGANISATION + "', now())");
        }
        // It reads as it is until sealed ...
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("person.hangulName", equalTo("박순자")).body("placeTaken", equalTo("Hamhung"));

        // ... and the service's rotation (its data source, its configured key ring) seals it.
        assertTrue(rotation.rotate(dataSource, personalData.cipher(), 500).total() >= 3);
        assertEquals(0, rotation.pending(dataSource, personalData.cipher()));
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet rs = sql.executeQuery("select c.person, c.place_taken, t.data from cases c"
                    + " join timeline_entries t on t.case_id = c.case_id where c.case_id = '" + caseId + "'");
            assertTrue(rs.next());
            for (int column = 1; column <= 3; column++) {
                String stored = rs.getString(column);
                assertTrue(stored.startsWith("enc:v2:case:"));
                assertFalse(stored.contains("Hamhung") || stored.contains("박순자"));
            }
        }
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("person.hangulName", equalTo("박순자")).body("placeTaken", equalTo("Hamhung"));
        given().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items[0].text", equalTo("her brother lives in Hamhung"));
    }

    /** Every row of every table of the service's schema, as PostgreSQL prints it (bytea decoded as text). */
    private static List<String> dump() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            ResultSet names = sql.executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public'");
            while (names.next()) {
                tables.add(names.getString(1));
            }
            assertTrue(tables.containsAll(List.of("cases", "timeline_entries", "case_name_keys", "outbox")));
            for (String table : tables) {
                ResultSet all = sql.executeQuery("select t::text from \"" + table + "\" t");
                while (all.next()) {
                    rows.add(all.getString(1));
                }
            }
            // The outbox holds its payloads as bytes: read them as text too.
            ResultSet outbox = sql.executeQuery("select convert_from(payload, 'UTF8') from outbox");
            while (outbox.next()) {
                rows.add(outbox.getString(1));
            }
        }
        return rows;
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
