package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.homeward.events.CaseErased;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.ErasureReason;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/cases/{caseId}/erasure}: only an admin of the case's owner erases it; bad bodies are problems
 * naming the field; a case the caller may not see is 404; CASE_ERASED is published once acknowledged, with a reason
 * code only; a second erasure publishes nothing and answers the first one's ids; later events are refused with 410;
 * the case's idempotency keys are gone.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class ErasureTest {

    private static final String PROBLEMS = "https://homeward.org/problems/";
    private static final String CONSENT = "{\"reason\": \"CONSENT_WITHDRAWN\"}";

    private static RequestSpecification with(String organisation, String... roles) {
        return given().contentType(ContentType.JSON)
                .auth().oauth2(HomewardTestStack.token(organisation, "someone-at-" + organisation, roles));
    }

    private static Response erase(RequestSpecification as, String caseId, String body) {
        return as.body(body).when().post("/api/v1/cases/{id}/erasure", caseId);
    }

    private static void refused(Response response, int status, String type, String pointer) {
        var then = response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type)).body("status", equalTo(status))
                .body(not(containsString("Exception")));
        if (pointer != null) {
            then.body("errors.pointer", hasItem(pointer));
        }
    }

    @Test
    void badBodiesAreProblemsNamingTheFieldAndPublishNothing() {
        String caseId = with(Intake.ORG, "reporter").body(Intake.OPEN).post("/api/v1/cases").then().statusCode(202)
                .extract().path("caseId");
        long before = Intake.publishedFor(caseId);
        refused(erase(with(Intake.ORG, "admin"), caseId, "{}"), 422, "validation", "/reason");
        refused(erase(with(Intake.ORG, "admin"), caseId, "{\"reason\": \"BORED\"}"), 422, "validation", "/reason");
        refused(erase(with(Intake.ORG, "admin"), caseId, "{\"reason\": 7}"), 422, "validation", "/reason");
        refused(erase(with(Intake.ORG, "admin"), caseId, "{\"reason\": \"SAFETY\", \"note\": \"his name\"}"), 422, "validation",
                "/note");
        refused(erase(with(Intake.ORG, "admin"), caseId, "[]"), 400, "malformed-json", null);
        // The detail never echoes what was sent.
        erase(with(Intake.ORG, "admin"), caseId, "{\"reason\": \"리광철\"}").then().statusCode(422).body(not(containsString("리광철")));
        // Not through the events endpoint.
        refused(with(Intake.ORG, "reporter", "admin").body("{\"type\": \"CASE_ERASED\", \"occurredAt\": "
                + "\"2026-01-01T00:00:00Z\", \"reason\": \"SAFETY\"}").post("/api/v1/cases/{id}/events", caseId),
                422, "validation", "/type");
        assertEquals(before, Intake.publishedFor(caseId), "nothing published");
    }

    @Test
    void onlyAnAdminOfTheOwnerErasesAndOthersLearnNothing() {
        String caseId = with(Intake.ORG, "reporter").body(Intake.OPEN).post("/api/v1/cases").then().statusCode(202)
                .extract().path("caseId");
        long before = Intake.publishedFor(caseId);
        // A reporter of the owner: no admin role.
        erase(with(Intake.ORG, "reporter", "caseworker"), caseId, CONSENT).then().statusCode(403);
        // Another organisation's admin: the case's 404, exactly as for an unknown case.
        String foreign = erase(with("red-cross", "admin"), caseId, CONSENT).then().statusCode(404)
                .extract().body().asString();
        String unknown = erase(with("red-cross", "admin"), UUID.randomUUID().toString(), CONSENT).then()
                .statusCode(404).extract().body().asString();
        assertEquals(foreign.replaceAll("[0-9a-f-]{36}", "ID"), unknown.replaceAll("[0-9a-f-]{36}", "ID"));
        erase(given().contentType(ContentType.JSON), caseId, CONSENT).then().statusCode(401);
        assertEquals(before, Intake.publishedFor(caseId), "nothing published");
    }

    @Test
    void anErasureIsPublishedOnceAndLaterEventsAreGone() throws Exception {
        String key = Intake.newKey();
        String caseId = with(Intake.ORG, "reporter").header("Idempotency-Key", key).body(Intake.OPEN)
                .post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
        assertTrue(keys(caseId) > 0);

        String eventId = erase(with(Intake.ORG, "admin"), caseId, CONSENT).then().statusCode(202)
                .body("caseId", equalTo(caseId)).extract().path("eventId");
        // The erasure travels in clear (it carries a code only): it reads without the case's key, which it destroys.
        CloudEvent<CaseEventData> erasure = EventCodec.decodeCaseEvent(await().atMost(Duration.ofSeconds(60))
                .until(() -> Intake.events().records(caseId), r -> r.size() >= 2).get(1).value());
        assertEquals(EventType.CASE_ERASED, erasure.data().type());
        assertEquals(UUID.fromString(eventId), erasure.id());
        assertEquals(new CaseErased(ErasureReason.CONSENT_WITHDRAWN), erasure.data());
        assertEquals(Intake.ORG, erasure.reportedby());

        // Once intake read it back: a second erasure answers the first one's ids and publishes nothing.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                erase(with(Intake.ORG, "admin"), caseId, "{\"reason\": \"SAFETY\"}").then().statusCode(202)
                        .header("Idempotent-Replayed", "true").body("eventId", equalTo(eventId)));
        assertEquals(2, Intake.publishedFor(caseId));
        // Later events are refused: 410, nothing published.
        refused(with(Intake.ORG, "reporter").body(Intake.CAPTURED).post("/api/v1/cases/{id}/events", caseId), 410,
                "case-erased", "caseId");
        // Another organisation still learns nothing.
        erase(with("red-cross", "admin"), caseId, CONSENT).then().statusCode(404);
        assertEquals(2, Intake.publishedFor(caseId));
        assertEquals(0, keys(caseId), "the case's idempotency keys are gone");
    }

    private static long keys(String caseId) throws SQLException {
        try (Connection db = DriverManager.getConnection(HomewardTestStack.jdbcUrl("intake"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                Statement sql = db.createStatement();
                ResultSet rs = sql.executeQuery("select count(*) from idempotency_keys where case_id = '" + caseId
                        + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
