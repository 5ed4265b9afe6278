package org.homeward.cases.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.Category;
import org.homeward.events.Person;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: every read of a person's data leaves a record (who, organisation, when, case, endpoint; never the
 * search text), the owner's admins read them, and nobody can change them: not through the API, not over JDBC.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class AuditLogTest {

    private static CaseEventsOnKafka events;

    @BeforeAll
    static void connect() {
        events = new CaseEventsOnKafka();
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @Test
    void auditRecordsEveryReadAndCannotBeChanged() throws SQLException {
        String owner = "org-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String partner = "org-partner-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "편서윤";
        UUID caseId = open(owner, name, 1948);
        UUID sameName = open(owner, name, 1948);
        events.publish(caseId, new CaseShared(partner, null), owner);
        RequestSpecification ours = Callers.as(owner, "reader-a", Roles.CASEWORKER);
        RequestSpecification theirs = Callers.as(partner, "reader-b", Roles.CASEWORKER);
        org.awaitility.Awaitility.await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() ->
                given(Callers.as(partner, "waiter", Roles.CASEWORKER)).get("/api/v1/cases/{id}", caseId).then()
                        .statusCode(200));

        given(ours).get("/api/v1/cases/{id}", caseId).then().statusCode(200);
        given(theirs).get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200);
        given(ours).queryParam("q", name).get("/api/v1/cases").then().statusCode(200).body("total", equalTo(2));
        given(ours).get("/api/v1/cases/{id}/possible-duplicates", sameName).then().statusCode(200)
                .body("total", equalTo(1));
        given(ours).get("/api/v1/statistics").then().statusCode(200); // counts only: no person's data, no record

        JsonPath page = given(Callers.as(owner, "admin-a", Roles.ADMIN)).queryParam("caseId", caseId)
                .queryParam("size", 100).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> records = page.getList("items");
        List<Map<String, Object>> recent = records.stream()
                .filter(r -> List.of("reader-a", "reader-b").contains(r.get("subject"))).toList();
        assertEquals(List.of(
                        List.of(owner, "reader-a", "GET /api/v1/cases/{caseId}/possible-duplicates"),
                        List.of(owner, "reader-a", "GET /api/v1/cases"),
                        List.of(partner, "reader-b", "GET /api/v1/cases/{caseId}/timeline"),
                        List.of(owner, "reader-a", "GET /api/v1/cases/{caseId}")),
                recent.stream().map(r -> List.of(r.get("organisation"), r.get("subject"), r.get("endpoint"))).toList(),
                "newest first: who, from which organisation, through which endpoint");
        recent.forEach(r -> assertEquals(caseId.toString(), r.get("caseId")));
        assertEquals(records.size(), page.getInt("total"));
        List<Instant> times = records.stream().map(r -> Instant.parse((String) r.get("readAt"))).toList();
        for (int i = 1; i < times.size(); i++) {
            assertFalse(times.get(i).isAfter(times.get(i - 1)), "newest first");
        }

        // Without caseId: every case the organisation owns, the other one (read by search and by the checks above).
        given(Callers.as(owner, "admin-a", Roles.ADMIN)).queryParam("size", 100).get("/api/v1/audit").then()
                .statusCode(200).body("items.caseId.unique().sort()",
                        equalTo(List.of(caseId.toString(), sameName.toString()).stream().sorted().toList()));
        // The partner's admin sees none of them: the partner does not own the case.
        given(Callers.as(partner, "admin-b", Roles.ADMIN)).queryParam("caseId", caseId).get("/api/v1/audit").then()
                .statusCode(404);
        given(Callers.as(partner, "admin-b", Roles.ADMIN)).get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(0));

        // Nothing the log holds is personal data: never the name searched for, in any column.
        try (Connection db = database()) {
            for (String row : rows(db, caseId)) {
                assertFalse(row.contains(name) || row.contains("편"), row);
            }
        }

        // The API only reads.
        RequestSpecification admin = Callers.as(owner, "admin-a", Roles.ADMIN);
        for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
            given(admin).contentType("application/json").body("{}").request(method, "/api/v1/audit").then()
                    .statusCode(405).contentType("application/problem+json");
        }
        given(admin).request("DELETE", "/api/v1/audit/{id}", 1).then().statusCode(404);

        // And the database refuses changes whoever asks, even the role that owns the table.
        try (Connection db = database()) {
            int before2 = rows(db, caseId).size();
            for (String change : List.of(
                    "update audit_log set subject = 'someone else' where case_id = '" + caseId + "'",
                    "delete from audit_log where case_id = '" + caseId + "'",
                    "truncate audit_log")) {
                SQLException refused = assertThrows(SQLException.class, () -> {
                    try (Statement statement = db.createStatement()) {
                        statement.execute(change);
                    }
                }, change);
                assertTrue(refused.getMessage().contains("audit_log is append-only"), refused.getMessage());
            }
            assertEquals(before2, rows(db, caseId).size());
        }
    }

    @Test
    void aReadWhoseAuditRecordCannotBeWrittenIsNotAnswered() throws SQLException {
        String owner = "org-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "봉하람";
        UUID caseId = open(owner, name, 1952);
        RequestSpecification blocked = Callers.as(owner, "unrecordable-reader", Roles.CASEWORKER);
        try (Connection db = database()) {
            // The database refuses this reader's audit rows (as a full disk or a lost connection would refuse any).
            try (Statement ddl = db.createStatement()) {
                ddl.execute("alter table audit_log add constraint audit_test_refuses_reader"
                        + " check (subject <> 'unrecordable-reader') not valid");
            }
            try {
                for (String path : List.of("/api/v1/cases/{id}", "/api/v1/cases/{id}/timeline")) {
                    String body = given(blocked).get(path, caseId).then().statusCode(500)
                            .contentType("application/problem+json").extract().asString();
                    assertFalse(body.contains(name) || body.contains("hangulName"), body);
                }
                String search = given(blocked).queryParam("q", name).get("/api/v1/cases").then().statusCode(500)
                        .extract().asString();
                assertFalse(search.contains(name) || search.contains("hangulName"), search);
            } finally {
                try (Statement ddl = db.createStatement()) {
                    ddl.execute("alter table audit_log drop constraint audit_test_refuses_reader");
                }
            }
        }
        given(Callers.as(owner, "recordable-reader", Roles.CASEWORKER)).get("/api/v1/cases/{id}", caseId).then()
                .statusCode(200).body("person.hangulName", equalTo(name));
    }

    static List<String> rows(Connection db, UUID caseId) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(
                "select read_at, subject, organisation, case_id, endpoint from audit_log where case_id = ?")) {
            select.setObject(1, caseId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                            + result.getString(4) + " " + result.getString(5));
                }
            }
        }
        assertFalse(rows.isEmpty());
        return rows;
    }

    static Connection database() throws SQLException {
        Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
        db.setAutoCommit(true);
        return db;
    }

    static UUID open(String owner, String hangulName, int birthYear) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, new CaseOpened(Category.WAR_ABDUCTEE,
                new Person(hangulName, List.of(), birthYear, null, null), null, LocalDate.of(1950, 9, 1)), owner);
        org.awaitility.Awaitility.await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() ->
                given(Callers.as(owner, "opener", Roles.CASEWORKER)).get("/api/v1/cases/{id}", caseId).then()
                        .statusCode(200));
        return caseId;
    }
}
