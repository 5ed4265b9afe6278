package org.homeward.cases.protection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.cases.protection.persistence.KeyRotation;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.events.Alert;
import org.homeward.events.Captured;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.DeathReported;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.EventCodec;
import org.homeward.events.IntentMethod;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.ProofOfLife;
import org.homeward.events.ReasonCode;
import org.homeward.events.Sex;
import org.homeward.events.Topics;
import org.homeward.events.TransferRequested;
import org.homeward.events.Transferred;
import org.homeward.events.TransitionStatus;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing identifying in clear (issue 15, point 2). A story touches every personal field the case service keeps: a
 * person taken on a date, a stated destination, a transfer towards the party fled (a conflict whose reason quotes the
 * destination), a rejected request to an unknown place (its reason quotes the destination too), a death report and a
 * later proof of life (dates of death and of life, a LIFE_AFTER_DEATH conflict), and an event of a type this version
 * does not know, which puts the case on hold with an event waiting behind it. Then every column of every table of
 * the case database, cast to text, and every record of {@code case-transitions} are searched for each personal value
 * sent: none is there. The API still shows them, opened, to the case's readers.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class NothingInClearTest {

    private static final String NAME = "최봉길";
    private static final String ROMANIZED = "Choe Bong-gil";
    private static final String ORIGIN = "Hyesan";
    private static final String PLACE_TAKEN = "a river crossing near Sambong";
    private static final LocalDate DATE_TAKEN = LocalDate.of(2024, 11, 23);
    private static final String DESTINATION = "Ulleungdo island";
    private static final String TRANSFERRED_TO = "Pyongyang Sunan airfield";
    private static final String REQUESTED_TO = "Camp 7 by the eastern shore";
    private static final String DEATH_SOURCE = "KCNA bulletin 88";
    private static final LocalDate DATE_OF_DEATH = LocalDate.of(2023, 3, 17);
    private static final String LIFE_SOURCE = "a visit at Sinuiju";
    private static final LocalDate SEEN_ALIVE = LocalDate.of(2023, 6, 2);
    private static final String HELD_PAYLOAD = "crossed again at Musan";
    private static final String WAITING_NOTE = "his sister waits in Musan";

    /** Every personal value the story sends, and pieces of the texts that would quote them. */
    private static final List<String> PERSONAL = List.of(NAME, ROMANIZED, ORIGIN, PLACE_TAKEN, DATE_TAKEN.toString(),
            DESTINATION, "Ulleungdo", TRANSFERRED_TO, "Sunan", REQUESTED_TO, "Camp 7", DEATH_SOURCE,
            DATE_OF_DEATH.toString(), LIFE_SOURCE, "Sinuiju", SEEN_ALIVE.toString(), HELD_PAYLOAD, WAITING_NOTE,
            "Musan", "stated intent to go", "reported dead on");

    private static final String HOLDS = "/api/v1/operations/holds";

    private static CaseEventsOnKafka kafka;
    private static TopicProbe transitions;

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
        transitions = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_TRANSITIONS);
    }

    @AfterAll
    static void disconnect() {
        Callers.signOut();
        kafka.close();
        transitions.close();
    }

    @Test
    void noColumnOfAnyTableAndNoTransitionHoldsAPersonalValue() throws Exception {
        UUID caseId = UUID.randomUUID();
        kafka.publish(caseId, new CaseOpened(Category.NORTH_KOREAN_POW,
                new Person(NAME, List.of(ROMANIZED), 1999, Sex.MALE, ORIGIN), PLACE_TAKEN, DATE_TAKEN));
        kafka.publish(caseId, new Captured("Ukraine", null));
        kafka.publish(caseId, new DefectionIntentStated(DESTINATION, IntentMethod.INTERVIEW, null));
        UUID transfer = kafka.publish(caseId, new Transferred("Ukraine", TRANSFERRED_TO));
        UUID rejected = kafka.publish(caseId, new TransferRequested("Ukraine", REQUESTED_TO));
        kafka.publish(caseId, new DeathReported(DEATH_SOURCE, DATE_OF_DEATH));
        UUID life = kafka.publish(caseId, new ProofOfLife(LIFE_SOURCE, SEEN_ALIVE));
        UUID unknown = UUID.randomUUID();
        kafka.publishRaw(caseId, """
                {"specversion":"1.0","id":"%s","source":"urn:homeward:intake","type":"org.homeward.case.teleported.v1",
                 "subject":"%s","time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",
                 "reportedby":"%s","data":{"where":"%s"}}"""
                .formatted(unknown, caseId, Callers.ORGANISATION, HELD_PAYLOAD).getBytes(StandardCharsets.UTF_8));
        kafka.publish(caseId, new NoteAdded(WAITING_NOTE));
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> Callers.as(Callers.ORGANISATION, "admin-1",
                Roles.ADMIN).get(HOLDS + "/{id}", caseId).then().statusCode(200).body("heldEvents", equalTo(2)));

        // The case's readers see everything, opened.
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("state", equalTo("DECEASED"))
                .body("dateTaken", equalTo(DATE_TAKEN.toString()))
                .body("vitalStatus", equalTo("DISPUTED"))
                .body("vitalStatusDate", equalTo(SEEN_ALIVE.toString()))
                .body("conflicts.kind", hasItem("FORCED_REPATRIATION_RISK"))
                .body("conflicts.kind", hasItem("LIFE_AFTER_DEATH"))
                .body("conflicts.find { it.eventId == '" + transfer + "' }.reason", containsString(DESTINATION))
                .body("conflicts.find { it.eventId == '" + life + "' }.reason",
                        containsString(DATE_OF_DEATH.toString()));
        given().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items.find { it.eventId == '" + rejected + "' }.status", equalTo("REJECTED"))
                .body("items.find { it.eventId == '" + rejected + "' }.reason", containsString(DESTINATION));

        // The topic carries codes.
        List<CaseTransition> announced = kafka.transitionsOf(caseId, 8);
        CaseTransition risk = announced.stream().filter(t -> transfer.equals(t.eventId())).findFirst().orElseThrow();
        assertEquals(ReasonCode.FORCED_REPATRIATION_RISK, risk.reason());
        CaseTransition refused = announced.stream().filter(t -> rejected.equals(t.eventId())).findFirst()
                .orElseThrow();
        assertEquals(TransitionStatus.REJECTED, refused.status());
        assertEquals(ReasonCode.NOT_LEGAL_IN_STATE, refused.reason());
        assertTrue(refused.alerts().contains(Alert.UNRECOGNISED_DESTINATION));
        assertEquals(ReasonCode.LIFE_AFTER_DEATH,
                announced.stream().filter(t -> life.equals(t.eventId())).findFirst().orElseThrow().reason());

        // Every record of case-transitions, every case's: no personal value.
        List<ConsumerRecord<String, byte[]>> records = transitions.recordsToEnd(Duration.ofSeconds(60));
        assertTrue(records.stream().anyMatch(r -> caseId.toString().equals(r.key())));
        for (ConsumerRecord<String, byte[]> record : records) {
            String text = new String(record.value(), StandardCharsets.UTF_8);
            for (String personal : PERSONAL) {
                assertFalse(text.contains(personal), () -> "a transition of case " + record.key() + " holds "
                        + personal);
            }
        }

        // Every record of this case on case-events and case-keys, as intake writes them: no personal value (but the
        // record of an unknown type this test wrote in clear itself, as a newer writer might).
        try (TopicProbe events = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_EVENTS);
                TopicProbe keys = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_KEYS)) {
            List<ConsumerRecord<String, byte[]>> onKafka = new ArrayList<>();
            events.recordsToEnd(Duration.ofSeconds(60)).stream().filter(r -> caseId.toString().equals(r.key()))
                    .filter(r -> !EventCodec.eventId(r.value()).equals(unknown)).forEach(onKafka::add);
            assertEquals(8, onKafka.size());
            keys.recordsToEnd(Duration.ofSeconds(60)).stream().filter(r -> caseId.toString().equals(r.key()))
                    .forEach(onKafka::add);
            assertEquals(9, onKafka.size(), "the case's key is on case-keys");
            for (ConsumerRecord<String, byte[]> record : onKafka) {
                String text = new String(record.value(), StandardCharsets.UTF_8);
                for (String personal : PERSONAL) {
                    assertFalse(text.contains(personal), () -> "a record on " + record.topic() + " holds " + personal);
                }
            }
        }

        // Every column of every table: no personal value.
        List<String> values = everyValue();
        for (String value : values) {
            for (String personal : PERSONAL) {
                assertFalse(value.contains(personal), () -> "a stored value holds " + personal);
            }
        }
        // The sealed columns are sealed under the active key, bound to their row and column.
        String active = "enc:v1:" + personalData.cipher().activeKeyId() + ":";
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet row = sql.executeQuery("select stated_destination, date_taken, date_of_death, death_reported_on,"
                    + " vital_status_date, conflicts, year_taken from cases where case_id = '" + caseId + "'");
            assertTrue(row.next());
            for (int column = 1; column <= 6; column++) {
                assertTrue(row.getString(column).startsWith(active), "column " + column + " is sealed");
            }
            assertEquals(DATE_TAKEN.getYear(), row.getInt(7), "statistics keep the year taken, derived");
            assertEquals(DESTINATION, personalData.open(row.getString(1), PersonalData.statedDestination(caseId)));
            assertEquals(DATE_OF_DEATH, personalData.openDate(row.getString(3), PersonalData.dateOfDeath(caseId)));
            ResultSet reason = sql.executeQuery("select reason from timeline_entries where event_id = '" + rejected
                    + "'");
            assertTrue(reason.next());
            assertTrue(reason.getString(1).startsWith(active), "the timeline's reason is sealed");
        }
    }

    @Test
    void valuesStoredInClearBeforeThisVersionAreSealedByTheRotation() throws Exception {
        // A case and timeline entry as version V108 left them and V109 turned them: dates as ISO text, the conflicts
        // and the reason as they were written.
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String conflicts = "[{\"kind\":\"FORCED_REPATRIATION_RISK\",\"eventId\":\"" + eventId + "\",\"reason\":"
                + "\"forced-repatriation risk: the person stated intent to go to Dokdo harbour\","
                + "\"detectedAt\":\"2025-02-01T00:00:00Z\"}]";
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            sql.executeUpdate("insert into cases (case_id, category, state, owner_organisation, person, date_taken,"
                    + " year_taken, stated_destination, date_of_death, death_reported_on, vital_status,"
                    + " vital_status_date, conflicts, opened_at, updated_at, version, derivation_version) values ('"
                    + caseId + "', 'DEFECTOR', 'DECEASED', '" + Callers.ORGANISATION + "', '{\"hangulName\": "
                    + "\"한순옥\"}', '1988-04-05', 1988, 'Dokdo harbour', '1990-08-09', '1990-09-01', 'REPORTED_DEAD',"
                    + " '1990-08-09', '" + conflicts + "', now(), now(), 0, 2)");
            sql.executeUpdate("insert into timeline_entries (event_id, case_id, type, occurred_at, received_at,"
                    + " recorded_at, reported_by, status, reason, urgency, data) values ('" + eventId + "', '"
                    + caseId + "', 'TRANSFERRED', now(), now(), now(), 'org-test', 'APPLIED', 'forced-repatriation "
                    + "risk: the person stated intent to go to Dokdo harbour', 'CRITICAL', '{\"to\": \"Wonsan\"}')");
            sql.executeUpdate("insert into case_access (case_id, organisation, granted_at) values ('" + caseId
                    + "', '" + Callers.ORGANISATION + "', now())");
        }
        // It reads as it is until sealed ...
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("dateTaken", equalTo("1988-04-05")).body("vitalStatusDate", equalTo("1990-08-09"))
                .body("conflicts[0].reason", containsString("Dokdo harbour"));

        // ... and the service's rotation seals it.
        rotation.rotate(dataSource, personalData.cipher(), 500);
        assertEquals(0, rotation.pending(dataSource, personalData.cipher()));
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            ResultSet row = sql.executeQuery("select c.date_taken, c.stated_destination, c.date_of_death,"
                    + " c.death_reported_on, c.vital_status_date, c.conflicts, t.reason from cases c"
                    + " join timeline_entries t on t.case_id = c.case_id where c.case_id = '" + caseId + "'");
            assertTrue(row.next());
            for (int column = 1; column <= 7; column++) {
                String stored = row.getString(column);
                assertTrue(stored.startsWith("enc:v1:" + personalData.cipher().activeKeyId() + ":"), "column "
                        + column);
                assertFalse(stored.contains("Dokdo") || stored.contains("1988-04-05") || stored.contains("1990-"));
            }
        }
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("dateTaken", equalTo("1988-04-05")).body("vitalStatusDate", equalTo("1990-08-09"))
                .body("conflicts[0].reason", containsString("Dokdo harbour"));
        given().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items[0].reason", containsString("Dokdo harbour"));
    }

    /**
     * Every non-null value of every column of every table of the service's schema, cast to text; byte columns read
     * as UTF-8 where they are, and escaped otherwise (hashes).
     */
    private static List<String> everyValue() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            ResultSet names = sql.executeQuery("select c.table_name, c.column_name, c.data_type"
                    + " from information_schema.columns c join information_schema.tables t"
                    + " on t.table_schema = c.table_schema and t.table_name = c.table_name"
                    + " where c.table_schema = 'public' and t.table_type = 'BASE TABLE'");
            while (names.next()) {
                columns.add(new String[] {names.getString(1), names.getString(2), names.getString(3)});
            }
            assertTrue(columns.stream().anyMatch(c -> c[0].equals("cases") && c[1].equals("stated_destination")));
            assertTrue(columns.stream().anyMatch(c -> c[0].equals("held_events")));
            for (String[] column : columns) {
                String value = "\"" + column[1] + "\"";
                String read = column[2].equals("bytea") ? "encode(" + value + ", 'escape')" : value + "::text";
                ResultSet all = sql.executeQuery("select " + read + " from \"" + column[0] + "\" where " + value
                        + " is not null");
                while (all.next()) {
                    values.add(all.getString(1));
                }
                if (column[2].equals("bytea")) {
                    // Text kept as bytes (the outbox's payloads): read as UTF-8 where it is valid.
                    try (Statement utf8 = db.createStatement()) {
                        ResultSet decoded = utf8.executeQuery("select convert_from(" + value + ", 'UTF8') from \""
                                + column[0] + "\" where " + value + " is not null");
                        while (decoded.next()) {
                            values.add(decoded.getString(1));
                        }
                    } catch (SQLException notText) {
                        // hashes and other bytes that are not UTF-8: the escaped form above covers them
                    }
                }
            }
        }
        return values;
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
