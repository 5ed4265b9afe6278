package org.homeward.cases.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseTransition;
import org.homeward.events.ReasonCode;
import org.homeward.events.CaseUnshared;
import org.homeward.events.Category;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.TransitionStatus;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OWASP API Security Top 10 (2023), API1 Broken Object Level Authorization and API5 Broken Function Level
 * Authorization, against the real service, Kafka and PostgreSQL: every read shows only what the caller's organisation
 * may see, a case it may not see is indistinguishable from one that does not exist, sharing grants and unsharing
 * revokes, and each role reaches only its own functions. Every test uses organisations of its own, so that cases other
 * tests open never count.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class AccessControlTest {

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
    void api1_aForeignOrganisationSeesNoCaseAtAnyReadEndpoint() {
        String owner = organisation("owner");
        String foreign = organisation("foreign");
        String name = uniqueName();
        UUID caseId = open(owner, name, 1950);
        UUID sameName = open(owner, name, 1951);
        RequestSpecification ours = caseworker(owner);
        RequestSpecification theirs = caseworker(foreign);
        given(ours).get("/api/v1/cases/{id}/possible-duplicates", caseId).then().statusCode(200)
                .body("total", equalTo(1));

        // A case they may not see answers exactly as a case that does not exist, at every endpoint that names one.
        UUID missing = UUID.randomUUID();
        for (String path : List.of("/api/v1/cases/{id}", "/api/v1/cases/{id}/timeline",
                "/api/v1/cases/{id}/possible-duplicates")) {
            assertSameNotFound(given(theirs).get(path, caseId), caseId, given(theirs).get(path, missing), missing);
        }
        assertSameNotFound(given(admin(foreign)).queryParam("caseId", caseId).get("/api/v1/audit"), caseId,
                given(admin(foreign)).queryParam("caseId", missing).get("/api/v1/audit"), missing);

        // Lists, counts and statistics do not count it either.
        given(theirs).queryParam("q", name).get("/api/v1/cases").then().statusCode(200)
                .body("total", equalTo(0)).body("items", empty());
        given(theirs).get("/api/v1/cases").then().statusCode(200).body("total", equalTo(0));
        given(theirs).get("/api/v1/statistics").then().statusCode(200).body("total", equalTo(0));
        given(admin(foreign)).get("/api/v1/audit").then().statusCode(200).body("total", equalTo(0));

        // Their own case of the same person is not flagged (the alert counts only cases they may see: issue 15) and
        // lists none of ours; we are told instead (DuplicateSignalTest).
        UUID theirCase = open(foreign, name, 1950);
        CaseTransition opened = events.transitionsOf(theirCase, 1).get(0);
        assertEquals(List.of(), opened.alerts());
        assertEquals(List.of(foreign), opened.visibleTo());
        given(theirs).get("/api/v1/cases/{id}", theirCase).then().statusCode(200)
                .body("possibleDuplicates", equalTo(0));
        given(theirs).get("/api/v1/cases/{id}/possible-duplicates", theirCase).then().statusCode(200)
                .body("total", equalTo(0)).body("items", empty());
        given(theirs).queryParam("q", name).get("/api/v1/cases").then().statusCode(200).body("total", equalTo(1))
                .body("items.caseId", equalTo(List.of(theirCase.toString())));
        given(theirs).get("/api/v1/statistics").then().statusCode(200).body("total", equalTo(1));

        // The owner still sees its own two, and not theirs.
        given(ours).queryParam("q", name).get("/api/v1/cases").then().statusCode(200).body("total", equalTo(2))
                .body("items.caseId", not(hasItem(theirCase.toString())));
        given(ours).get("/api/v1/cases/{id}", sameName).then().statusCode(200)
                .body("possibleDuplicates", equalTo(1));
        given(ours).get("/api/v1/statistics").then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void api1_sharingGrantsAndUnsharingRevokes() {
        String owner = organisation("owner");
        String partner = organisation("partner");
        String name = uniqueName();
        UUID caseId = open(owner, name, 1940);
        RequestSpecification theirs = caseworker(partner);
        given(theirs).get("/api/v1/cases/{id}", caseId).then().statusCode(404);

        UUID shared = events.publish(caseId, new CaseShared(partner, "referral for family tracing"), owner);
        awaitVersion(owner, caseId, 1);
        given(theirs).get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("ownerOrganisation", equalTo(owner));
        given(theirs).get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200).body("total", equalTo(2));
        given(theirs).queryParam("q", name).get("/api/v1/cases").then().body("total", equalTo(1));
        given(theirs).get("/api/v1/statistics").then().body("total", equalTo(1));
        CaseTransition sharing = events.transitionsOf(caseId, 2).get(1);
        assertEquals(TransitionStatus.APPLIED, sharing.status());
        assertEquals(List.of(owner, partner), sharing.visibleTo());

        // A partner the case was shared with may add to it.
        events.publish(caseId, new NoteAdded("met the family"), partner);
        awaitVersion(owner, caseId, 2);
        assertEquals(TransitionStatus.APPLIED, events.transitionsOf(caseId, 3).get(2).status());

        // Unsharing revokes: every endpoint answers 404 again, and the transition is no longer for the partner.
        events.publish(caseId, new CaseUnshared(partner, "referral closed"), owner);
        awaitVersion(owner, caseId, 3);
        given(theirs).get("/api/v1/cases/{id}", caseId).then().statusCode(404);
        given(theirs).get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(404);
        given(theirs).get("/api/v1/cases/{id}/possible-duplicates", caseId).then().statusCode(404);
        given(theirs).queryParam("q", name).get("/api/v1/cases").then().body("total", equalTo(0));
        given(theirs).get("/api/v1/statistics").then().body("total", equalTo(0));
        CaseTransition unsharing = events.transitionsOf(caseId, 4).get(3);
        assertEquals(List.of(owner), unsharing.visibleTo());

        // A redelivered CASE_SHARED changes nothing (the consumer took it before): the partner stays revoked.
        events.publish(shared, caseId, new CaseShared(partner, "referral for family tracing"), owner);
        events.publish(caseId, new NoteAdded("after the redelivery"), owner);
        awaitVersion(owner, caseId, 4); // one more version: the note, not the redelivery
        given(theirs).get("/api/v1/cases/{id}", caseId).then().statusCode(404);
    }

    @Test
    void api1_theCaseServiceRefusesSharesAndEventsTheRulesForbidAndKeepsThemInTheTimeline() {
        String owner = organisation("owner");
        String partner = organisation("partner");
        String stranger = organisation("stranger");
        UUID caseId = open(owner, uniqueName(), 1945);
        events.publish(caseId, new CaseShared(partner, null), owner);
        awaitVersion(owner, caseId, 1);

        List<CaseEventData> refused = List.of(
                new CaseShared(stranger, null),     // by the partner: only the owner shares
                new CaseUnshared(owner, null),      // by the owner: its own access stays
                new CaseShared(owner, null),        // by the owner: it cannot share with itself
                new CaseUnshared(stranger, null),   // by the owner: the stranger has no access to revoke
                new NoteAdded("not theirs to add")); // by a stranger
        List<String> by = List.of(partner, owner, owner, owner, stranger);
        for (int i = 0; i < refused.size(); i++) {
            events.publish(caseId, refused.get(i), by.get(i));
        }
        awaitVersion(owner, caseId, 1 + refused.size());

        List<CaseTransition> transitions = events.transitionsOf(caseId, 2 + refused.size())
                .subList(2, 2 + refused.size());
        // On the topic, the rule that refused each as a code; the texts are in the owner's timeline (below).
        assertEquals(List.of(ReasonCode.REJECTED_NOT_OWNER, ReasonCode.REJECTED_OWNER_ACCESS,
                        ReasonCode.REJECTED_OWNER_ACCESS, ReasonCode.REJECTED_NOTHING_TO_REVOKE,
                        ReasonCode.REJECTED_NO_ACCESS),
                transitions.stream().map(CaseTransition::reason).toList());
        transitions.forEach(t -> {
            assertEquals(TransitionStatus.REJECTED, t.status());
            assertEquals(List.of(owner, partner), t.visibleTo(), "access is unchanged");
        });
        given(caseworker(owner)).queryParam("size", 100).get("/api/v1/cases/{id}/timeline", caseId).then()
                .statusCode(200).body("total", equalTo(2 + refused.size()))
                .body("items.status[2..6]", equalTo(List.of("REJECTED", "REJECTED", "REJECTED", "REJECTED",
                        "REJECTED")))
                .body("items.reason[2..6]", equalTo(List.of(
                        "only the organisation that owns the case may share or unshare it",
                        "the owner's access to its case cannot be revoked",
                        "the case cannot be shared with its owner",
                        stranger + " has no access to this case to revoke",
                        "the reporting organisation has no access to this case")));
        given(caseworker(stranger)).get("/api/v1/cases/{id}", caseId).then().statusCode(404);
        given(caseworker(partner)).get("/api/v1/cases/{id}", caseId).then().statusCode(200);
    }

    @Test
    void api5_aCaseworkerCannotReadTheAuditLog() {
        String owner = organisation("owner");
        for (String role : List.of(Roles.CASEWORKER, Roles.REPORTER, Roles.ADVOCATE)) {
            given(Callers.as(owner, "user-1", role)).get("/api/v1/audit").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://homeward.org/problems/forbidden"));
        }
        given(admin(owner)).get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void api5_aReporterOrAdvocateCannotReadCases() {
        String owner = organisation("owner");
        UUID caseId = open(owner, uniqueName(), 1960);
        for (String role : List.of(Roles.REPORTER, Roles.ADVOCATE, Roles.ADMIN)) {
            RequestSpecification caller = Callers.as(owner, "user-1", role);
            for (String path : List.of("/api/v1/cases/" + caseId, "/api/v1/cases/" + caseId + "/timeline",
                    "/api/v1/cases/" + caseId + "/possible-duplicates", "/api/v1/cases", "/api/v1/statistics")) {
                given(caller).get(path).then().statusCode(403)
                        .body("type", equalTo("https://homeward.org/problems/forbidden"));
            }
        }
        given().get("/api/v1/cases/{id}", caseId).then().statusCode(401);
    }

    /** The two answers are the same document, but for the case id each names. */
    static void assertSameNotFound(Response hidden, UUID hiddenId, Response missing, UUID missingId) {
        assertEquals(404, hidden.statusCode());
        assertEquals(404, missing.statusCode());
        assertEquals(missing.contentType(), hidden.contentType());
        String a = hidden.asString().replace(hiddenId.toString(), "{id}");
        String b = missing.asString().replace(missingId.toString(), "{id}");
        assertEquals(b, a);
        assertTrue(a.contains("https://homeward.org/problems/not-found"), a);
    }

    static UUID open(String owner, String hangulName, int birthYear) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, new CaseOpened(Category.SOUTH_KOREAN_POW,
                new Person(hangulName, List.of(), birthYear, null, null), null, LocalDate.of(1953, 7, 27)), owner);
        awaitVersion(owner, caseId, 0);
        return caseId;
    }

    static void awaitVersion(String organisation, UUID caseId, int version) {
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(caseworker(organisation))
                .get("/api/v1/cases/{id}", caseId).then().statusCode(200).body("version", equalTo(version)));
    }

    static RequestSpecification caseworker(String organisation) {
        return Callers.as(organisation, "caseworker-of-" + organisation, Roles.CASEWORKER);
    }

    static RequestSpecification admin(String organisation) {
        return Callers.as(organisation, "admin-of-" + organisation, Roles.ADMIN);
    }

    static String organisation(String role) {
        return "org-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A Hangul name no other test uses: a rare surname and a random given name. */
    static String uniqueName() {
        String syllables = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "탁" + syllables.charAt(random.nextInt(syllables.length())) + syllables.charAt(random.nextInt(
                syllables.length())) + syllables.charAt(random.nextInt(syllables.length()));
    }
}
