package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge of intake: rate limits per organisation and request-size limits (OWASP API4:2023 unrestricted
 * resource consumption), security headers and strict CORS (API8:2023 security misconfiguration). The organisation
 * {@code quota-test-org} has a quota of 3 events, refilled at one event per 50 s (application.properties, %test).
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class EdgeTest {

    static final String LIMITED = "quota-test-org";

    @Test
    void api4_afterTheBurstAnOrganisationGets429WithRetryAfterAndOthersAreUnaffected() {
        String caseId = Intake.as(LIMITED, "r1").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202).header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2")
                .header("RateLimit-Reset", notNullValue()).extract().path("caseId");
        // a refused request counts too: the quota guards the service, not only Kafka
        Intake.as(LIMITED, "r1").body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", UUID.randomUUID())
                .then().statusCode(404).header("RateLimit-Remaining", "1");
        // a batch of two items costs two: more than the one token left, so it is refused whole
        String item = "{\"caseId\": \"" + caseId + "\", " + Intake.CAPTURED.substring(1);
        Response refused = Intake.as(LIMITED, "r1").body("[" + item + "," + item + "]")
                .when().post("/api/v1/events:batch");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/too-many-requests"))
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "1");
        long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After in seconds: " + retryAfter);
        Intake.as(LIMITED, "r1").body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).header("RateLimit-Remaining", "0");
        Intake.as(LIMITED, "r2").body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(429).header("Retry-After", notNullValue());
        Intake.as(LIMITED, "r2").header("Content-Type", "text/csv").body("hangulName,category\n이선옥,WAR_ABDUCTEE\n")
                .when().post("/api/v1/cases:import").then().statusCode(429);
        assertEquals(2, Intake.publishedFor(caseId), "nothing published for the refused requests");

        // another organisation is unaffected
        Intake.as("unlimited-" + UUID.randomUUID(), "r").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202);
    }

    @Test
    void api4_anOversizedBodyIs413BeforeAnythingIsRead() {
        String huge = "[" + ("{\"x\": \"" + "y".repeat(1024) + "\"},").repeat(2100) + "{}]";
        Intake.partner().body(huge).when().post("/api/v1/events:batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/payload-too-large"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void api8_everyAnswerCarriesTheSecurityHeaders() {
        for (Response response : List.of(
                Intake.partner().body(Intake.OPEN).when().post("/api/v1/cases"),
                Intake.partner().body("{").when().post("/api/v1/cases"),
                given().body(Intake.OPEN).contentType("application/json").when().post("/api/v1/cases"),
                given().when().get("/q/health/live"),
                given().when().get("/q/openapi"))) {
            response.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'; "
                            + "base-uri 'none'; form-action 'none'"))
                    // tests speak plain HTTP on loopback; HSTS is on in prod (homeward.http.hsts)
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void api8_aCorsPreflightFromAnUnlistedOriginGetsNoAllowOrigin() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/cases")
                .then().header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
        Intake.partner().header("Origin", "https://evil.example").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
