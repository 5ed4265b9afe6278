package org.homeward.cases.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.cases.audit.domain.AuditChain;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.Person;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 4: the audit log is a hash chain. Concurrent readers never fork it; a record changed, deleted or
 * inserted by hand in the database is named by {@code GET /api/v1/audit/verification}; a read of a foreign or an
 * unknown case is on record, and the caller cannot tell the two apart.
 */
@QuarkusTest
@QuarkusTestResource(value = org.homeward.stack.HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "cases"))
class AuditChainTest {

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
    void concurrentReadersDoNotForkTheChainAndTheDatabaseAgreesWithEveryHash() throws Exception {
        String owner = organisation();
        UUID caseId = open(owner, "탁가나다", 1950);
        int threads = 8;
        int readsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String reader = "reader-" + t;
                reads.add(pool.submit(() -> {
                    for (int i = 0; i < readsEach; i++) {
                        given(Callers.as(owner, reader, Roles.CASEWORKER)).get(i % 2 == 0 ? "/api/v1/cases/{id}"
                                : "/api/v1/cases/{id}/timeline", caseId).then().statusCode(200);
                    }
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            pool.shutdown();
        }
        JsonPath verification = verify().then().statusCode(200).body("intact", equalTo(true)).extract().jsonPath();
        try (Connection db = AuditLogTest.database(); Statement sql = db.createStatement()) {
            ResultSet counts = sql.executeQuery("select count(*), count(distinct previous_hash),"
                    + " count(*) filter (where hash <> audit_log_link(previous_hash, read_at, subject, organisation,"
                    + " case_id, endpoint, outcome)), max(id) from audit_log");
            counts.next();
            assertTrue(counts.getLong(1) >= threads * readsEach);
            assertEquals(counts.getLong(1), counts.getLong(2), "one successor per record: no fork");
            assertEquals(0, counts.getLong(3), "Java and the database's audit_log_link agree on every record");
            assertEquals(counts.getLong(1), verification.getLong("records"));
            assertEquals(counts.getLong(4), verification.getLong("headId"));
            ResultSet head = sql.executeQuery("select hash from audit_log order by id desc limit 1");
            head.next();
            assertEquals(AuditChain.hex(head.getBytes(1)), verification.getString("headHash"));
        }
        given(Callers.as(owner, "admin-a", Roles.ADMIN)).queryParam("caseId", caseId).queryParam("size", 100)
                .get("/api/v1/audit").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(threads * readsEach));
    }

    @Test
    void aRecordChangedInTheDatabaseIsNamed() throws SQLException {
        List<Long> ids = twoRecords();
        long changed = ids.get(0);
        try (Connection db = tamperer()) {
            String subject = value(db, changed, "subject");
            execute(db, "update audit_log set subject = 'someone-else' where id = " + changed);
            try {
                assertBroken(changed, "CHANGED");
            } finally {
                execute(db, "update audit_log set subject = '" + subject + "' where id = " + changed);
            }
        }
        verify().then().body("intact", equalTo(true));
    }

    @Test
    void aRecordDeletedFromTheDatabaseIsNamedByTheRecordAfterIt() throws SQLException {
        List<Long> ids = twoRecords();
        long deleted = ids.get(0);
        try (Connection db = tamperer()) {
            execute(db, "create temporary table kept as select * from audit_log where id = " + deleted);
            execute(db, "delete from audit_log where id = " + deleted);
            try {
                assertBroken(ids.get(1), "UNLINKED");
            } finally {
                execute(db, "insert into audit_log overriding system value select * from kept");
            }
        }
        verify().then().body("intact", equalTo(true));
    }

    @Test
    void aRecordInsertedByHandIsNamed() throws SQLException {
        List<Long> ids = twoRecords();
        try (Connection db = tamperer()) {
            // A copy of a real record, put after it: it cannot link to the chain's last record without its hash, and
            // the unique successor refuses a second record after the one it copies.
            long inserted;
            try (Statement sql = db.createStatement(); ResultSet key = sql.executeQuery("insert into audit_log"
                    + " (read_at, subject, organisation, case_id, endpoint, outcome, previous_hash, hash)"
                    + " select read_at, 'planted', organisation, case_id, endpoint, outcome,"
                    + " sha256(previous_hash), hash from audit_log where id = " + ids.get(1) + " returning id")) {
                key.next();
                inserted = key.getLong(1);
            }
            try {
                assertBroken(inserted, "UNLINKED");
            } finally {
                execute(db, "delete from audit_log where id = " + inserted);
            }
        }
        verify().then().body("intact", equalTo(true));
    }

    @Test
    void aDeniedReadIsRecordedAndAnsweredLikeAnUnknownCase() {
        String owner = organisation();
        String prober = organisation();
        UUID foreign = open(owner, "탁고노도", 1951);
        UUID unknown = UUID.randomUUID();
        RequestSpecification probe = Callers.as(prober, "prober-1", Roles.CASEWORKER);
        for (String path : List.of("/api/v1/cases/{id}", "/api/v1/cases/{id}/timeline",
                "/api/v1/cases/{id}/possible-duplicates")) {
            String toForeign = given(probe).get(path, foreign).then().statusCode(404).extract().asString();
            String toUnknown = given(probe).get(path, unknown).then().statusCode(404).extract().asString();
            assertEquals(toForeign.replace(foreign.toString(), "ID"), toUnknown.replace(unknown.toString(), "ID"),
                    "the same answer for a foreign and an unknown case");
        }
        // The owner's admins see the probes of their case, marked DENIED; nobody's view holds the unknown id.
        JsonPath records = given(Callers.as(owner, "admin-a", Roles.ADMIN)).queryParam("caseId", foreign)
                .queryParam("size", 100).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> denied = records.<Map<String, Object>>getList("items").stream()
                .filter(r -> prober.equals(r.get("organisation"))).toList();
        assertEquals(List.of("DENIED", "DENIED", "DENIED"), denied.stream().map(r -> r.get("outcome")).toList());
        assertEquals(List.of("GET /api/v1/cases/{caseId}/possible-duplicates", "GET /api/v1/cases/{caseId}/timeline",
                "GET /api/v1/cases/{caseId}"), denied.stream().map(r -> r.get("endpoint")).toList());
        // The owner's own reads were shown (its polls before the opening was taken were refused: the case did not
        // exist yet, and are DENIED like any read of an unknown case).
        assertTrue(records.<Map<String, Object>>getList("items").stream()
                .anyMatch(r -> owner.equals(r.get("organisation")) && "SHOWN".equals(r.get("outcome"))));
        // Both kinds are in the log, in the chain.
        try (Connection db = AuditLogTest.database(); PreparedStatement select = db.prepareStatement(
                "select count(*) from audit_log where organisation = ? and outcome = 'DENIED' and case_id = ?")) {
            select.setString(1, prober);
            select.setObject(2, unknown);
            ResultSet count = select.executeQuery();
            count.next();
            assertEquals(3, count.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        verify().then().body("intact", equalTo(true));
    }

    @Test
    void onlyAdminsVerify() {
        for (String role : List.of(Roles.CASEWORKER, Roles.REPORTER, Roles.ADVOCATE)) {
            given(Callers.as("org-x", "user-1", role)).get("/api/v1/audit/verification").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().auth().none().get("/api/v1/audit/verification").then().statusCode(401);
    }

    /** Two fresh records of one read each; answers their ids, oldest first. */
    private static List<Long> twoRecords() {
        String owner = organisation();
        UUID caseId = open(owner, "탁거너더", 1952);
        given(Callers.as(owner, "reader-1", Roles.CASEWORKER)).get("/api/v1/cases/{id}", caseId).then()
                .statusCode(200);
        given(Callers.as(owner, "reader-2", Roles.CASEWORKER)).get("/api/v1/cases/{id}", caseId).then()
                .statusCode(200);
        verify().then().body("intact", equalTo(true));
        List<Long> ids = new ArrayList<>();
        try (Connection db = AuditLogTest.database(); PreparedStatement select = db.prepareStatement(
                "select id from audit_log where case_id = ? and subject in ('reader-1', 'reader-2') order by id")) {
            select.setObject(1, caseId);
            ResultSet rows = select.executeQuery();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(2, ids.size());
        return ids;
    }

    private static void assertBroken(long id, String problem) {
        verify().then().statusCode(200).body("intact", equalTo(false)).body("brokenId", equalTo((int) id))
                .body("problem", equalTo(problem));
        assertFalse(verify().asString().contains("headHash"));
    }

    private static io.restassured.response.Response verify() {
        return given(Callers.as("org-operator", "operator", Roles.ADMIN)).get("/api/v1/audit/verification");
    }

    /** A connection of the database's superuser that fires no triggers: what it takes to rewrite the log by hand. */
    private static Connection tamperer() throws SQLException {
        Connection db = AuditLogTest.database();
        execute(db, "set session_replication_role = replica");
        return db;
    }

    private static String value(Connection db, long id, String column) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery("select " + column + " from audit_log where id = " + id)) {
            row.next();
            return row.getString(1);
        }
    }

    private static void execute(Connection db, String statement) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    private static String organisation() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID open(String owner, String hangulName, int birthYear) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, new CaseOpened(Category.WAR_ABDUCTEE,
                new Person(hangulName, List.of(), birthYear, null, null), null, LocalDate.of(1950, 9, 1)), owner);
        org.awaitility.Awaitility.await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() ->
                given(Callers.as(owner, "opener", Roles.CASEWORKER)).get("/api/v1/cases/{id}", caseId).then()
                        .statusCode(200));
        return caseId;
    }
}
