package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseShared;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventType;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * Who may report on a case (OWASP API1:2023 broken object level authorization, API5:2023 broken function level
 * authorization): only the case's organisation and the organisations it is shared with; sharing only by the owner's
 * admin. A refused request publishes nothing, and a case another organisation owns answers exactly like one that
 * does not exist.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class AccessTest {

    private static RequestSpecification with(String organisation, String... roles) {
        return given().contentType(ContentType.JSON)
                .auth().oauth2(HomewardTestStack.token(organisation, "someone-at-" + organisation, roles));
    }

    private static String openCase(String organisation) {
        return with(organisation, "reporter").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202).extract().path("caseId");
    }

    private static String share(String type, String organisation) {
        return "{\"type\": \"" + type + "\", \"occurredAt\": \"2026-02-01T09:00:00Z\", \"organisation\": \""
                + organisation + "\", \"reason\": \"referral\"}";
    }

    private static String withoutCaseId(String body, String caseId) {
        return body.replace(caseId, "<case>");
    }

    @Test
    void api1_aForeignReporterGets404UntilTheCaseIsSharedWithItThenSucceedsAndLosesItOnUnshare() {
        String owner = "owner-" + UUID.randomUUID();
        String foreign = "foreign-" + UUID.randomUUID();
        String caseId = openCase(owner);
        String unknown = UUID.randomUUID().toString();

        Response refused = with(foreign, "reporter").body(Intake.CAPTURED)
                .when().post("/api/v1/cases/{id}/events", caseId);
        Response missing = with(foreign, "reporter").body(Intake.CAPTURED)
                .when().post("/api/v1/cases/{id}/events", unknown);
        refused.then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/case-not-found"));
        missing.then().statusCode(404);
        assertEquals(withoutCaseId(missing.asString(), unknown), withoutCaseId(refused.asString(), caseId),
                "a foreign case answers exactly like a case that does not exist");
        assertEquals(refused.getHeaders().asList().stream().map(h -> h.getName()).sorted().toList(),
                missing.getHeaders().asList().stream().map(h -> h.getName()).sorted().toList());

        // per item in a batch too: the foreign item is refused as unknown, the foreigner's own case is accepted
        String own = openCase(foreign);
        with(foreign, "reporter").body("[" + item(caseId) + "," + item(own) + "]")
                .when().post("/api/v1/events:batch")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("items[0].problem.type", equalTo("https://homeward.org/problems/case-not-found"))
                .body("items[0].problem.errors[0].pointer", equalTo("/0/caseId"))
                .body("items[1].status", equalTo("ACCEPTED"));
        assertEquals(1, Intake.publishedFor(caseId), "nothing published for the refused requests");

        with(owner, "admin").body(share("CASE_SHARED", foreign)).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202);
        List<CloudEvent<CaseEventData>> events = Intake.awaitEvents(caseId, 2);
        assertEquals(EventType.CASE_SHARED, events.get(1).data().type());
        assertEquals(foreign, ((CaseShared) events.get(1).data()).organisation());
        assertEquals(owner, events.get(1).reportedby());

        // intake learns the share from case-events: until then the answer stays 404 and nothing is published
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> with(foreign, "reporter").body(Intake.CAPTURED)
                        .when().post("/api/v1/cases/{id}/events", caseId).statusCode() == 202);
        CloudEvent<CaseEventData> reported = Intake.awaitEvents(caseId, 3).get(2);
        assertEquals(foreign, reported.reportedby());
        assertEquals(EventType.CAPTURED, reported.data().type());
        assertEquals(3, Intake.publishedFor(caseId));

        with(owner, "admin").body(share("CASE_UNSHARED", foreign)).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> with(foreign, "reporter").body("{\"type\": \"NOTE_ADDED\", "
                        + "\"occurredAt\": \"2026-02-02T09:00:00Z\", \"text\": \"after\"}")
                        .when().post("/api/v1/cases/{id}/events", caseId).statusCode() == 404);
        assertEquals(4, Intake.publishedFor(caseId), "only the unshare was added");
    }

    @Test
    void api5_onlyTheOwnersAdminMayShareAndOtherRolesCannotReport() {
        String owner = "owner-" + UUID.randomUUID();
        String foreign = "foreign-" + UUID.randomUUID();
        String caseId = openCase(owner);

        with(owner, "reporter").body(share("CASE_SHARED", foreign)).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/forbidden"))
                .body("errors[0].pointer", equalTo("/type"));
        with(owner, "reporter").body("[" + share("CASE_UNSHARED", foreign).replace("{", "{\"caseId\": \""
                        + caseId + "\", ") + "]").when().post("/api/v1/events:batch")
                .then().statusCode(200).body("rejected", equalTo(1))
                .body("items[0].problem.type", equalTo("https://homeward.org/problems/forbidden"));
        with(foreign, "admin").body(share("CASE_SHARED", foreign)).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(404).body("type", equalTo("https://homeward.org/problems/case-not-found"));
        with(owner, "advocate").body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(403).contentType("application/problem+json");
        with(owner, "caseworker", "advocate").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(403);
        // an admin token alone shares but neither reports ordinary events nor opens cases
        with(owner, "admin").body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(403).body("type", equalTo("https://homeward.org/problems/forbidden"));
        with(owner, "admin").body(Intake.OPEN).when().post("/api/v1/cases").then().statusCode(403);
        assertEquals(1, Intake.publishedFor(caseId), "nothing published for the refused requests");

        with(owner, "admin").body(share("CASE_SHARED", foreign)).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202);
        // once shared, the foreign admin sees the case but still may not re-share it: 403, not 404
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> with(foreign, "admin").body(share("CASE_SHARED", "third-" + UUID.randomUUID()))
                        .when().post("/api/v1/cases/{id}/events", caseId).statusCode() == 403);
        assertEquals(2, Intake.publishedFor(caseId));
    }

    private static String item(String caseId) {
        return "{\"caseId\": \"" + caseId + "\", " + Intake.CAPTURED.substring(1);
    }
}
