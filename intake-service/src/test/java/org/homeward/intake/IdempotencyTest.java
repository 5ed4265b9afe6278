package org.homeward.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.homeward.intake.Intake.partner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.homeward.intake.idempotency.IdempotencyStore;
import org.homeward.intake.idempotency.KeyExpiry;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key: a retry answers the same ids and publishes nothing new; the key for another request answers 422;
 * a second request while the first holds the key answers 409; keys expire after their retention.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class IdempotencyTest {

    @Inject
    KeyExpiry expiry;

    @Test
    void aRetryOfAnOpeningAnswersTheSameIdsAndPublishesNothingNew() {
        String key = Intake.newKey();
        JsonPath first = partner().header("Idempotency-Key", key).body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202).extract().jsonPath();
        String caseId = first.getString("caseId");
        Intake.awaitEvents(caseId, 1);

        partner().header("Idempotency-Key", key).body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202).header("Idempotent-Replayed", "true")
                .body("caseId", equalTo(caseId)).body("eventId", equalTo(first.getString("eventId")));
        assertEquals(1, Intake.publishedFor(caseId), "the retry published nothing");
    }

    @Test
    void aRetryOfAnEventAnswersTheSameIdsAndPublishesNothingNew() {
        String caseId = Intake.openCase();
        String key = Intake.newKey();
        String eventId = report(caseId, key, Intake.CAPTURED).then().statusCode(202).extract().path("eventId");
        Intake.awaitEvents(caseId, 2);
        report(caseId, key, Intake.CAPTURED).then().statusCode(202).body("eventId", equalTo(eventId));
        report(caseId, key, Intake.CAPTURED.replace("  ", " ").replace("\"heldBy\"", " \"heldBy\""))
                .then().statusCode(202).body("eventId", equalTo(eventId));
        assertEquals(2, Intake.publishedFor(caseId), "opening and one capture");
    }

    @Test
    void theSameKeyForADifferentRequestIs422AndPublishesNothing() {
        String caseId = Intake.openCase();
        String otherCase = Intake.openCase();
        String key = Intake.newKey();
        report(caseId, key, Intake.CAPTURED).then().statusCode(202);

        report(caseId, key, Intake.CAPTURED.replace("Ukraine", "Russia")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/idempotency-key-reused"))
                .body("errors.pointer", hasItem("Idempotency-Key"));
        report(otherCase, key, Intake.CAPTURED).then().statusCode(422)
                .body("type", equalTo("https://homeward.org/problems/idempotency-key-reused"));
        partner().header("Idempotency-Key", key).body(Intake.OPEN).when().post("/api/v1/cases").then()
                .statusCode(422).body("type", equalTo("https://homeward.org/problems/idempotency-key-reused"));

        assertEquals(2, Intake.publishedFor(caseId));
        assertEquals(1, Intake.publishedFor(otherCase));
    }

    @Test
    void keysBelongToTheirOrganisation() {
        String key = Intake.newKey();
        String mine = partner().header("Idempotency-Key", key).body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202).extract().path("caseId");
        String theirs = Intake.as("red-cross", "delegate-3").header("Idempotency-Key", key).body(Intake.OPEN)
                .when().post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
        assertNotEquals(mine, theirs);
    }

    @Test
    void aRequestWhileAnotherHoldsTheKeyIs409WithRetryAfterThenSucceeds() throws Exception {
        String caseId = Intake.openCase();
        String key = Intake.newKey();
        try (Connection db = intakeDatabase()) {
            db.setAutoCommit(false);
            // The first request of the key is in flight: it holds the key's lock in its transaction.
            try (PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, IdempotencyStore.lockId(Intake.ORG, key));
                lock.execute();
            }
            report(caseId, key, Intake.CAPTURED).then().statusCode(409).header("Retry-After", "1")
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://homeward.org/problems/idempotency-key-in-flight"));
            db.rollback();
        }
        report(caseId, key, Intake.CAPTURED).then().statusCode(202);
        assertEquals(2, Intake.publishedFor(caseId));
    }

    @Test
    void keysAreKeptForTheirRetentionThenPurged() throws Exception {
        String caseId = Intake.openCase();
        String key = Intake.newKey();
        report(caseId, key, Intake.CAPTURED).then().statusCode(202);
        try (Connection db = intakeDatabase()) {
            assertEquals(List.of(24.0), hoursKept(db, key), "kept 24 h");
            try (PreparedStatement age = db.prepareStatement("update idempotency_keys set created_at = created_at - "
                    + "interval '25 hours', expires_at = expires_at - interval '25 hours' where idempotency_key = ?")) {
                age.setString(1, key);
                assertEquals(1, age.executeUpdate());
            }
            expiry.purgeNow();
            assertEquals(List.of(), hoursKept(db, key), "purged once expired");
        }
        // Expired, the key is free: another content is another event (with another id, never a false duplicate).
        report(caseId, key, Intake.CAPTURED.replace("Ukraine", "Russia")).then().statusCode(202);
        assertEquals(3, Intake.publishedFor(caseId));
    }

    private static io.restassured.response.Response report(String caseId, String key, String body) {
        return partner().header("Idempotency-Key", key).body(body).when().post("/api/v1/cases/{id}/events", caseId);
    }

    static Connection intakeDatabase() throws Exception {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("intake"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }

    private static List<Double> hoursKept(Connection db, String key) throws Exception {
        try (PreparedStatement select = db.prepareStatement("select extract(epoch from expires_at - created_at) / 3600 "
                + "from idempotency_keys where idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? List.of(rs.getDouble(1)) : List.of();
            }
        }
    }
}
