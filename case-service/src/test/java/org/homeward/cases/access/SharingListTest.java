package org.homeward.cases.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.Category;
import org.homeward.events.Person;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/cases/{caseId}/access} against the real service, Kafka and PostgreSQL: the owner's admins see
 * the owner and every organisation the case is shared with, with when and by which event, and no organisation whose
 * share was revoked; the read is audited; anyone else gets the 404 of a case that does not exist (a partner the case
 * is shared with too), or 403 without the role. Every test uses organisations of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class SharingListTest {

    static final String ACCESS = "/api/v1/cases/{id}/access";
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
    void theOwnersAdminSeesTheOwnerAndEachShareWithWhenAndWhichEvent() {
        String owner = AccessControlTest.organisation("owner");
        String redCross = AccessControlTest.organisation("red-cross");
        String ngo = AccessControlTest.organisation("ngo");
        UUID caseId = UUID.randomUUID();
        UUID opening = events.publish(caseId, new CaseOpened(Category.NORTH_KOREAN_POW,
                new Person("리광철", List.of(), 2000, null, null), null, LocalDate.of(2025, 1, 9)), owner);
        awaitVersion(owner, caseId, 0);
        Instant sharedOn = Instant.parse("2026-03-02T00:00:00Z");
        UUID share = events.publish(UUID.randomUUID(), caseId, new CaseShared(redCross, "family tracing"), owner,
                sharedOn);
        events.publish(caseId, new CaseShared(ngo, "a second opinion"), owner);
        events.publish(caseId, new CaseUnshared(ngo, "done"), owner);
        awaitVersion(owner, caseId, 3);

        JsonPath access = given(admin(owner)).get(ACCESS, caseId).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertEquals(caseId.toString(), access.getString("caseId"));
        assertEquals(owner, access.getString("ownerOrganisation"));
        List<Map<String, Object>> organisations = access.getList("organisations");
        assertEquals(List.of(owner, redCross), organisations.stream().map(o -> o.get("organisation")).toList(),
                "the owner first, then the share; the revoked one is gone");

        assertEquals(true, access.getBoolean("organisations[0].owner"));
        assertEquals("CASE_OPENED", access.getString("organisations[0].grantedBy.type"));
        assertEquals(opening.toString(), access.getString("organisations[0].grantedBy.eventId"));
        assertEquals(false, access.getBoolean("organisations[1].owner"));
        assertEquals("CASE_SHARED", access.getString("organisations[1].grantedBy.type"));
        assertEquals(share.toString(), access.getString("organisations[1].grantedBy.eventId"));
        assertEquals(sharedOn, Instant.parse(access.getString("organisations[1].grantedBy.occurredAt")));
        Instant ownerGranted = Instant.parse(access.getString("organisations[0].grantedAt"));
        Instant shareGranted = Instant.parse(access.getString("organisations[1].grantedAt"));
        assertFalse(shareGranted.isBefore(ownerGranted), "granted when the case service took each event");
        assertFalse(access.prettify().contains("리광철"), "no personal data in the list");

        // Sharing again after an unsharing: listed again, by the new event.
        UUID again = events.publish(caseId, new CaseShared(ngo, "back again"), owner);
        awaitVersion(owner, caseId, 4);
        JsonPath after = given(admin(owner)).get(ACCESS, caseId).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(owner, redCross, ngo), after.getList("organisations.organisation"));
        assertEquals(again.toString(), after.getString("organisations[2].grantedBy.eventId"));
    }

    @Test
    void theReadIsAudited() {
        String owner = AccessControlTest.organisation("owner");
        UUID caseId = open(owner);
        given(Callers.as(owner, "admin-7", Roles.ADMIN)).get(ACCESS, caseId).then().statusCode(200);
        JsonPath audit = given(admin(owner)).queryParam("caseId", caseId).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> records = audit.getList("items");
        assertTrue(records.stream().anyMatch(r -> "GET /api/v1/cases/{caseId}/access".equals(r.get("endpoint"))
                && "admin-7".equals(r.get("subject")) && owner.equals(r.get("organisation"))
                && caseId.toString().equals(r.get("caseId"))), records.toString());
    }

    @Test
    void api1_anyoneButTheOwnersAdminGetsTheAnswerOfACaseThatDoesNotExist() {
        String owner = AccessControlTest.organisation("owner");
        String partner = AccessControlTest.organisation("partner");
        String foreign = AccessControlTest.organisation("foreign");
        UUID caseId = open(owner);
        events.publish(caseId, new CaseShared(partner, "referral"), owner);
        awaitVersion(owner, caseId, 1);
        given(AccessControlTest.caseworker(partner)).get("/api/v1/cases/{id}", caseId).then().statusCode(200);

        UUID missing = UUID.randomUUID();
        // A partner the case is shared with does not learn who else it is shared with; a foreign organisation does
        // not learn that the case exists.
        for (String organisation : List.of(partner, foreign)) {
            AccessControlTest.assertSameNotFound(given(admin(organisation)).get(ACCESS, caseId), caseId,
                    given(admin(organisation)).get(ACCESS, missing), missing);
        }
        // The owner's own staff need the role admin.
        given(AccessControlTest.caseworker(owner)).get(ACCESS, caseId).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/forbidden"));
        given().get(ACCESS, caseId).then().statusCode(401);
        // Refused reads are on record as refused (issue 15, point 4): the partner's and the foreign organisation's
        // probes, each DENIED; none shown. 403 and 401 are refused before any case is named and leave none.
        JsonPath audit = given(admin(owner)).queryParam("caseId", caseId).queryParam("size", 100)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        List<java.util.Map<String, Object>> refused = audit.<java.util.Map<String, Object>>getList("items").stream()
                .filter(r -> "GET /api/v1/cases/{caseId}/access".equals(r.get("endpoint"))).toList();
        assertEquals(List.of(foreign, partner), refused.stream().map(r -> r.get("organisation")).toList(),
                refused.toString());
        assertTrue(refused.stream().allMatch(r -> "DENIED".equals(r.get("outcome"))), refused.toString());
    }

    @Test
    void aNonUuidCaseIdIsNotFound() {
        String owner = AccessControlTest.organisation("owner");
        var answer = given(admin(owner)).get("/api/v1/cases/not-a-uuid/access");
        assertEquals(404, answer.statusCode());
        assertNull(answer.getHeader("Location"));
    }

    static UUID open(String owner) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, new CaseOpened(Category.SOUTH_KOREAN_POW,
                new Person(AccessControlTest.uniqueName(), List.of(), 1930, null, null), null,
                LocalDate.of(1953, 7, 27)), owner);
        awaitVersion(owner, caseId, 0);
        return caseId;
    }

    static void awaitVersion(String organisation, UUID caseId, int version) {
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(AccessControlTest.caseworker(organisation))
                .get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("version", equalTo(version)));
    }

    static RequestSpecification admin(String organisation) {
        return Callers.as(organisation, "admin-of-" + organisation, Roles.ADMIN);
    }
}
