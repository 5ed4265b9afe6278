package org.homeward.cases.holds;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.Alert;
import org.homeward.events.Captured;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.LetterReceived;
import org.homeward.events.Person;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's history never moves on without one of its events: an event that cannot be applied for good puts its
 * case on hold, the case's later events wait in order, every other case goes on, and a release after the fix applies
 * the held events in order. Against the real broker and database; the fault is injected in the database (a trigger
 * refusing one event's timeline row), as a constraint or a bug would refuse it, with no seam in the service's code.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class CaseHoldsTest {

    private static final String HOLDS = "/api/v1/operations/holds";
    private static CaseEventsOnKafka kafka;

    @Inject
    AgroalDataSource database;

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

    @BeforeEach
    void installFaultInjection() throws SQLException {
        sql("create table if not exists injected_faults (event_id uuid primary key)",
                """
                create or replace function refuse_injected_faults() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from injected_faults where event_id = new.event_id) then
                        raise exception 'injected fault';
                    end if;
                    return new;
                end $$""",
                "drop trigger if exists refuse_injected_faults on timeline_entries",
                "create trigger refuse_injected_faults before insert on timeline_entries for each row "
                        + "execute function refuse_injected_faults()");
    }

    @AfterEach
    void removeFaultInjection() throws SQLException {
        sql("drop trigger if exists refuse_injected_faults on timeline_entries", "delete from injected_faults");
    }

    @Test
    void anOpeningThatCannotBeAppliedHoldsTheCaseUntilReleasedThenEveryEventIsAppliedInOrder() throws SQLException {
        UUID caseId = UUID.randomUUID();
        UUID opening = UUID.randomUUID();
        sql("insert into injected_faults values ('" + opening + "')");
        kafka.publish(opening, caseId, new CaseOpened(Category.NORTH_KOREAN_POW,
                new Person("리광철", List.of("Ri Gwang-cheol"), 2001, null, null), "Kursk", LocalDate.of(2025, 1, 9)),
                Callers.ORGANISATION);
        UUID captured = kafka.publish(caseId, new Captured("Ukraine", "Kursk"));
        UUID letter = kafka.publish(caseId, new LetterReceived(null, null, null, LocalDate.of(2025, 2, 1), "ko", null, "letter-7"));

        // The hold is announced once, CRITICAL, to the organisation that reported the opening.
        CaseTransition held = kafka.transitionOf(caseId, opening);
        assertEquals(TransitionStatus.HELD, held.status());
        assertEquals(Urgency.CRITICAL, held.urgency());
        assertEquals(List.of(Alert.CASE_ON_HOLD), held.alerts());
        assertEquals(List.of(Callers.ORGANISATION), held.visibleTo());
        assertEquals(org.homeward.events.ReasonCode.CASE_ON_HOLD, held.reason(), "a code, never a text");

        // Both later events wait behind it; the case does not exist meanwhile (nothing was applied without it).
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> admin().get(HOLDS + "/{id}", caseId).then()
                .statusCode(200).body("eventId", equalTo(opening.toString()))
                .body("eventType", equalTo("org.homeward.case.opened.v1")).body("heldEvents", equalTo(3))
                .body("reason", containsString("SQL state P0001")));
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(404);
        admin().get(HOLDS).then().statusCode(200).body("caseId", hasItem(caseId.toString()));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("homeward_cases_on_hold ")
                && Double.parseDouble(l.substring(l.indexOf(' ') + 1)) >= 1), "the hold is counted in /q/metrics");
        assertTrue(countHeldInClear("리광철") == 0, "held events are sealed at rest");

        // Every other case goes on meanwhile.
        UUID other = kafka.open(Category.DEFECTOR, "김철수", List.of("Kim Cheol-su"), 1999, LocalDate.of(2025, 3, 1));
        given().get("/api/v1/cases/{id}", other).then().statusCode(200);

        // Another organisation's admin does not see the hold, nor can it release it.
        Callers.as("org-other", "admin-9", Roles.ADMIN).get(HOLDS + "/{id}", caseId).then().statusCode(404);
        Callers.as("org-other", "admin-9", Roles.ADMIN).post(HOLDS + "/{id}/release", caseId).then()
                .statusCode(404);
        Callers.as(Callers.ORGANISATION, "caseworker-1", Roles.CASEWORKER).get(HOLDS).then().statusCode(403);

        // A release before the fix stops at the same event: 409, the case stays on hold, nothing applied.
        admin().post(HOLDS + "/{id}/release", caseId).then().statusCode(409)
                .body("detail", containsString("stays on hold"));
        admin().get(HOLDS + "/{id}", caseId).then().statusCode(200).body("releaseAttempts", equalTo(1))
                .body("heldEvents", equalTo(3));

        // After the fix, the release applies the held events in the order they arrived, and the case is free.
        sql("delete from injected_faults");
        admin().post(HOLDS + "/{id}/release", caseId).then().statusCode(200).body("applied", equalTo(3))
                .body("released", equalTo(true));
        admin().get(HOLDS + "/{id}", caseId).then().statusCode(404);
        given().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items.eventId", contains(opening.toString(), captured.toString(), letter.toString()))
                .body("items.status", not(hasItem("REJECTED")));
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("state", equalTo("IN_CUSTODY"));
        assertEquals(TransitionStatus.APPLIED, kafka.transitionOf(caseId, letter).status());

        // A later event is applied at once, and a redelivered held event changes nothing.
        UUID later = kafka.publish(caseId, new LetterReceived(null, null, null, LocalDate.of(2025, 2, 2), "ko", null, "letter-8"));
        kafka.publish(captured, caseId, new Captured("Ukraine", "Kursk"), Callers.ORGANISATION);
        assertEquals(TransitionStatus.APPLIED, kafka.transitionOf(caseId, later).status());
        given().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items.eventId", contains(opening.toString(), captured.toString(), letter.toString(),
                        later.toString()));
    }

    @Test
    void anEventTypeThisVersionDoesNotKnowHoldsItsCaseInsteadOfBeingDeadLettered() {
        UUID caseId = kafka.open(Category.SOUTH_KOREAN_POW, "박영호", List.of("Pak Yeong-ho"), 1931,
                LocalDate.of(1953, 7, 1));
        UUID newer = UUID.randomUUID();
        String record = """
                {"specversion":"1.0","id":"%s","source":"urn:homeward:intake","type":"org.homeward.case.teleported.v1",
                 "subject":"%s","time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",
                 "receivedat":"2026-01-01T00:00:01Z","reportedby":"%s","data":{"where":"somewhere"}}"""
                .formatted(newer, caseId, Callers.ORGANISATION);
        kafka.publishRaw(caseId, record.getBytes(StandardCharsets.UTF_8));
        UUID letter = kafka.publish(caseId, new LetterReceived(null, null, null, LocalDate.of(2025, 2, 1), "ko", null, "letter-1"));

        CaseTransition held = kafka.transitionOf(caseId, newer);
        assertEquals(TransitionStatus.HELD, held.status());
        assertEquals(Urgency.CRITICAL, held.urgency());
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> admin().get(HOLDS + "/{id}", caseId).then()
                .statusCode(200).body("eventType", equalTo("org.homeward.case.teleported.v1"))
                .body("reason", containsString("not known to this version")).body("heldEvents", equalTo(2)));
        // The letter waits: the case did not move on without the event it cannot read.
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("version", equalTo(0));
        // Releasing before an upgrade changes nothing.
        admin().post(HOLDS + "/{id}/release", caseId).then().statusCode(409)
                .body("detail", containsString("not known to this version"));
        given().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items.eventId", not(hasItem(letter.toString())));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return Callers.as(Callers.ORGANISATION, "admin-1", Roles.ADMIN);
    }

    private long countHeldInClear(String text) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement(
                        "select count(*) from held_events where payload like ?")) {
            query.setString(1, "%" + text + "%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** As the database's owner: the service's own role may not create tables, functions or triggers. */
    private void sql(String... statements) throws SQLException {
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                Statement statement = db.createStatement()) {
            for (String s : statements) {
                statement.execute(s);
            }
        }
    }
}
