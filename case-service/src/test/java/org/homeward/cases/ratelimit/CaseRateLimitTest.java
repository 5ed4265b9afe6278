package org.homeward.cases.ratelimit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.homeward.cases.Callers;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.Test;

/**
 * The case API's rate limit per organisation (OWASP API4:2023): every request takes a token of its organisation's
 * bucket; over the quota the answer is 429 {@code too-many-requests} with Retry-After and the RateLimit-* headers, and
 * nothing is read (no audit record is written). The organisation {@code quota-test-org} has a quota of 3 requests,
 * refilled at one per 50 s (application.properties, %test); other organisations are unaffected.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class CaseRateLimitTest {

    static final String LIMITED = "quota-test-org";

    @Test
    void api4_overItsQuotaAnOrganisationGets429WithRetryAfterAndOthersAreUnaffected() throws SQLException {
        UUID unknown = UUID.randomUUID();
        Callers.as(LIMITED, "caseworker-1", Roles.CASEWORKER).get("/api/v1/cases")
                .then().statusCode(200).header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2")
                .header("RateLimit-Reset", notNullValue());
        // a refused read counts too, and is on record as denied
        Callers.as(LIMITED, "caseworker-1", Roles.CASEWORKER).get("/api/v1/cases/{id}", unknown)
                .then().statusCode(404).header("RateLimit-Remaining", "1");
        assertEquals(1, auditRecordsOf(unknown));
        Callers.as(LIMITED, "caseworker-2", Roles.CASEWORKER).get("/api/v1/statistics")
                .then().statusCode(200).header("RateLimit-Remaining", "0");

        Response refused = Callers.as(LIMITED, "caseworker-2", Roles.CASEWORKER).get("/api/v1/cases/{id}", unknown);
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/too-many-requests"))
                .body("status", equalTo(429))
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", notNullValue());
        assertEquals(1, refused.getHeaders().getValues("RateLimit-Remaining").size(), "each header once");
        long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 50, "Retry-After in seconds: " + retryAfter);
        assertEquals(1, auditRecordsOf(unknown), "the refused read read nothing, so nothing is on record");
        // every operation counts, an administrator's too
        Callers.as(LIMITED, "admin-1", Roles.ADMIN).get("/api/v1/audit")
                .then().statusCode(429).header("Retry-After", notNullValue());

        // another organisation is unaffected
        Callers.as("unlimited-" + UUID.randomUUID(), "caseworker-1", Roles.CASEWORKER).get("/api/v1/cases")
                .then().statusCode(200).header("RateLimit-Remaining", notNullValue());
    }

    private static int auditRecordsOf(UUID caseId) throws SQLException {
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                PreparedStatement count = db.prepareStatement("select count(*) from audit_log where case_id = ?")) {
            count.setObject(1, caseId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
