package org.homeward.notifications.routing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.homeward.events.CaseTransition;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * OWASP API1:2023 broken object level authorization, for notifications: an advocate is told about a case only while
 * their organisation is in the transition's {@code visibleTo} (the case's owner and the organisations it is shared
 * with). Subscriptions that name the case, or match every case, get nothing of a case their organisation may not see.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class VisibilityTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void api1_aForeignAdvocateIsNotNotifiedOfACaseNotSharedWithItThenIsOnceShared() {
        String owner = "owner-" + UUID.randomUUID();
        String foreign = "foreign-" + UUID.randomUUID();
        String ownersAdvocate = Advocates.fresh();
        String foreignAdvocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String naming = "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"], \"minUrgency\": \"LOW\"}";
        Advocates.as(owner, ownersAdvocate).body(naming).post("/api/v1/subscriptions").then().statusCode(201);
        Advocates.as(foreign, foreignAdvocate).body(naming).post("/api/v1/subscriptions").then().statusCode(201);
        // a subscription to everything must not see it either
        String everything = Advocates.fresh();
        Advocates.as(foreign, everything).body("{\"channel\": \"FEED\", \"minUrgency\": \"LOW\"}")
                .post("/api/v1/subscriptions").then().statusCode(201);

        CaseTransition captured = Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH);
        Transitions.publish(Transitions.visibleTo(captured, owner));
        Transitions.publish(Transitions.visibleTo(Transitions.of(caseId, EventType.NOTE_ADDED, Urgency.LOW)));
        await().atMost(WAIT).untilAsserted(() -> Advocates.as(owner, ownersAdvocate).get("/api/v1/notifications")
                .then().statusCode(200).body("total", equalTo(1)));

        CaseTransition shared = Transitions.of(caseId, EventType.CASE_SHARED, Urgency.LOW);
        Transitions.publish(Transitions.visibleTo(shared, owner, foreign));
        CaseTransition transferred = Transitions.of(caseId, EventType.TRANSFERRED, Urgency.CRITICAL);
        Transitions.publish(Transitions.visibleTo(transferred, owner, foreign));
        await().atMost(WAIT).untilAsserted(() -> Advocates.as(foreign, foreignAdvocate).get("/api/v1/notifications")
                .then().statusCode(200).body("total", equalTo(2)));
        Advocates.as(foreign, foreignAdvocate).get("/api/v1/notifications").then()
                .body("items.type", contains("TRANSFERRED", "CASE_SHARED"));
        await().atMost(WAIT).untilAsserted(() -> Advocates.as(foreign, everything).get("/api/v1/notifications")
                .then().body("total", equalTo(2)));

        // after the share is revoked, the foreign organisation hears nothing more; the owner still does
        Transitions.publish(Transitions.visibleTo(Transitions.of(caseId, EventType.CASE_UNSHARED, Urgency.LOW),
                owner));
        Transitions.publish(Transitions.visibleTo(Transitions.of(caseId, EventType.RESETTLED, Urgency.HIGH), owner));
        await().atMost(WAIT).untilAsserted(() -> Advocates.as(owner, ownersAdvocate).get("/api/v1/notifications")
                .then().body("total", equalTo(5)));
        Advocates.as(foreign, foreignAdvocate).get("/api/v1/notifications").then().body("total", equalTo(2));
        Advocates.as(foreign, everything).get("/api/v1/notifications").then().body("total", equalTo(2));
        // the transition visible to no one reached no one (the owner saw four of the five visible to it)
        assertEquals(5, (int) Advocates.as(owner, ownersAdvocate).get("/api/v1/notifications").then().extract()
                .path("total"));
    }

    @Test
    void aDuplicateOpenedElsewhereReachesTheOwnerAloneNamingTheOpenersOrganisationOnly() {
        String holder = "holder-" + UUID.randomUUID();
        String opener = "opener-" + UUID.randomUUID();
        String holdersAdvocate = Advocates.fresh();
        String openersAdvocate = Advocates.fresh();
        String everything = "{\"channel\": \"FEED\", \"minUrgency\": \"LOW\"}";
        Advocates.as(holder, holdersAdvocate).body(everything).post("/api/v1/subscriptions").then().statusCode(201);
        Advocates.as(opener, openersAdvocate).body(everything).post("/api/v1/subscriptions").then().statusCode(201);

        // As the case service announces it: on the holder's case, no event, the opener in reportedBy, for the holder.
        UUID heldCase = UUID.randomUUID();
        CaseTransition told = new CaseTransition(UUID.randomUUID(), heldCase, null, null,
                org.homeward.events.Category.SOUTH_KOREAN_POW, org.homeward.events.TransitionStatus.APPLIED,
                org.homeward.events.CaseState.REPORTED, org.homeward.events.CaseState.REPORTED,
                org.homeward.events.ReasonCode.POSSIBLE_DUPLICATE_ELSEWHERE, Urgency.NORMAL,
                java.util.List.of(org.homeward.events.Alert.POSSIBLE_DUPLICATE_ELSEWHERE), 4, java.time.Instant.now(),
                java.time.Instant.now(), java.time.Instant.now(), opener, java.util.List.of(holder));
        Transitions.publish(told);
        await().atMost(WAIT).untilAsserted(() -> Advocates.as(holder, holdersAdvocate).get("/api/v1/notifications")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].caseId", equalTo(heldCase.toString()))
                .body("items[0].alerts", contains("POSSIBLE_DUPLICATE_ELSEWHERE"))
                .body("items[0].duplicateOpenedBy", equalTo(opener)));
        // The opener's advocates hear nothing of it; a later transition of their own shows they are served.
        Transitions.publish(Transitions.visibleTo(Transitions.of(UUID.randomUUID(), EventType.CAPTURED,
                Urgency.HIGH), opener));
        await().atMost(WAIT).untilAsserted(() -> Advocates.as(opener, openersAdvocate).get("/api/v1/notifications")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].type", equalTo("CAPTURED"))
                .body("items[0].duplicateOpenedBy", org.hamcrest.Matchers.nullValue()));
    }
}
