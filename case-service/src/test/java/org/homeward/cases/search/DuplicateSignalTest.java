package org.homeward.cases.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.Alert;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.Person;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 3: the duplicate alert gives no cross-organisation signal. Two organisations hold the same person:
 * the one that opens a case second learns nothing of the first one's case (no alert, no count, nothing in any answer),
 * and the first one's owner is told instead, with the opener's organisation only, so that it can share.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class DuplicateSignalTest {

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
    void theOpenerLearnsNothingOfAnotherOrganisationsCaseAndItsOwnerIsTold() {
        String holder = organisation("holder");
        String opener = organisation("opener");
        String name = uniqueName();
        UUID held = open(holder, name, 1950);

        UUID probeEvent = UUID.randomUUID();
        UUID probe = UUID.randomUUID();
        events.publish(probeEvent, probe, opening(name, 1951), opener);
        awaitOpen(opener, probe);

        // The opener: no alert, no count, no list, nothing that names the holder or its case, in any answer.
        CaseTransition opened = events.transitionOf(probe, probeEvent);
        assertEquals(List.of(), opened.alerts());
        assertNull(opened.reason());
        assertEquals(List.of(opener), opened.visibleTo());
        RequestSpecification theirs = caseworker(opener);
        List<String> answers = new ArrayList<>();
        answers.add(given(theirs).get("/api/v1/cases/{id}", probe).then().statusCode(200)
                .body("possibleDuplicates", equalTo(0)).extract().asString());
        answers.add(given(theirs).get("/api/v1/cases/{id}/timeline", probe).then().statusCode(200)
                .body("items[0].alerts", empty()).body("items[0].status", equalTo("APPLIED")).extract().asString());
        answers.add(given(theirs).get("/api/v1/cases/{id}/possible-duplicates", probe).then().statusCode(200)
                .body("total", equalTo(0)).body("items", empty()).extract().asString());
        answers.add(given(theirs).queryParam("q", name).get("/api/v1/cases").then().statusCode(200)
                .body("total", equalTo(1)).extract().asString());
        answers.add(given(theirs).get("/api/v1/statistics").then().statusCode(200).body("total", equalTo(1))
                .extract().asString());
        answers.add(new String(EventCodec.encode(org.homeward.events.CloudEvent.transition(opened, "test")),
                StandardCharsets.UTF_8));
        for (String answer : answers) {
            assertFalse(answer.contains(holder) || answer.contains(held.toString())
                    || answer.contains("POSSIBLE_DUPLICATE"), answer);
        }

        // The holder: one transition of its own case, for its owner alone, naming the opener's organisation only.
        CaseTransition told = elsewhere(held, probeEvent);
        assertEquals(List.of(Alert.POSSIBLE_DUPLICATE_ELSEWHERE), told.alerts());
        assertEquals(List.of(holder), told.visibleTo());
        assertEquals(opener, told.reportedBy());
        assertNull(told.eventId());
        assertNull(told.eventType());
        assertEquals(TransitionStatus.APPLIED, told.status());
        assertEquals(told.fromState(), told.toState());
        assertEquals(Urgency.NORMAL, told.urgency());
        String toldJson = new String(EventCodec.encode(org.homeward.events.CloudEvent.transition(told, "test")),
                StandardCharsets.UTF_8);
        assertFalse(toldJson.contains(probe.toString()) || toldJson.contains(probeEvent.toString())
                || toldJson.contains(name), "nothing of the opener's case: " + toldJson);
        // The holder's own view is unchanged: it cannot see the opener's case either.
        given(caseworker(holder)).get("/api/v1/cases/{id}/possible-duplicates", held).then().statusCode(200)
                .body("total", equalTo(0));

        // The holder acts on it: it shares its case with the opener, who now sees the duplicate and counts it.
        events.publish(held, new CaseShared(opener, "possible duplicate of your case"), holder);
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(theirs)
                .get("/api/v1/cases/{id}/possible-duplicates", probe).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].caseId", equalTo(held.toString())));
        given(theirs).get("/api/v1/cases/{id}", probe).then().body("possibleDuplicates", equalTo(1));

        // A later opening by the opener counts both cases it may see, and tells nobody elsewhere.
        UUID againEvent = UUID.randomUUID();
        UUID again = UUID.randomUUID();
        events.publish(againEvent, again, opening(name, 1950), opener);
        CaseTransition second = events.transitionOf(again, againEvent);
        assertEquals(List.of(Alert.POSSIBLE_DUPLICATE), second.alerts());
        assertEquals(org.homeward.events.ReasonCode.POSSIBLE_DUPLICATE, second.reason(), "a code: the count is in "
                + "the opener's timeline");
        assertTrue(events.transitionsOf(held, 1).stream()
                .noneMatch(t -> elsewhereId(againEvent, held).equals(t.transitionId())),
                "a case the opener may see raises no alert elsewhere");
    }

    @Test
    void theOwnerOfEachUnseenDuplicateIsToldOnceAndOnlyThem() {
        String first = organisation("first");
        String second = organisation("second");
        String partner = organisation("partner");
        String opener = organisation("opener");
        String name = uniqueName();
        UUID a = open(first, name, 1960);
        UUID b = open(second, name, 1961);
        events.publish(b, new CaseShared(partner, null), second);
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(caseworker(partner))
                .get("/api/v1/cases/{id}", b).then().statusCode(200));

        UUID openingEvent = UUID.randomUUID();
        UUID opened = UUID.randomUUID();
        events.publish(openingEvent, opened, opening(name, 1960), opener);
        // A redelivery of the same opening: nothing is announced twice.
        events.publish(openingEvent, opened, opening(name, 1960), opener);
        awaitOpen(opener, opened);

        assertEquals(List.of(first), elsewhere(a, openingEvent).visibleTo());
        assertEquals(List.of(second), elsewhere(b, openingEvent).visibleTo(),
                "the owner only: the partner the case is shared with cannot share it");
        assertEquals(List.of(), events.transitionOf(opened, openingEvent).alerts());
        // Each owner is told exactly once, however often the opening is delivered.
        UUID laterEvent = UUID.randomUUID();
        events.publish(laterEvent, opened, new org.homeward.events.NoteAdded("later"), opener);
        events.transitionOf(opened, laterEvent);
        for (UUID caseId : List.of(a, b)) {
            assertEquals(1, events.transitionsOf(caseId, 1).stream()
                    .filter(t -> t.alerts().contains(Alert.POSSIBLE_DUPLICATE_ELSEWHERE)
                            && opener.equals(t.reportedBy())).count());
        }
        // The second organisation's own opening had told the first one the same way.
        assertEquals(1, events.transitionsOf(a, 1).stream()
                .filter(t -> t.alerts().contains(Alert.POSSIBLE_DUPLICATE_ELSEWHERE) && second.equals(t.reportedBy()))
                .count());
    }

    private static CaseTransition elsewhere(UUID caseId, UUID openingEvent) {
        UUID id = elsewhereId(openingEvent, caseId);
        return await().atMost(CaseEventsOnKafka.WAIT).until(() -> events.transitionsOf(caseId, 1).stream()
                .filter(t -> id.equals(t.transitionId())).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static UUID elsewhereId(UUID openingEvent, UUID caseId) {
        return UUID.nameUUIDFromBytes(("duplicate-elsewhere:" + openingEvent + ":" + caseId)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static CaseOpened opening(String name, int birthYear) {
        return new CaseOpened(Category.SOUTH_KOREAN_POW, new Person(name, List.of(), birthYear, null, null), null,
                LocalDate.of(1953, 7, 27));
    }

    private static UUID open(String owner, String name, int birthYear) {
        UUID caseId = UUID.randomUUID();
        events.publish(caseId, opening(name, birthYear), owner);
        awaitOpen(owner, caseId);
        return caseId;
    }

    private static void awaitOpen(String owner, UUID caseId) {
        await().atMost(CaseEventsOnKafka.WAIT).untilAsserted(() -> given(caseworker(owner))
                .get("/api/v1/cases/{id}", caseId).then().statusCode(200));
    }

    private static RequestSpecification caseworker(String organisation) {
        return Callers.as(organisation, "caseworker-1", Roles.CASEWORKER);
    }

    private static String organisation(String role) {
        return "org-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A Hangul name no other test uses: a rare surname and a random given name. */
    private static String uniqueName() {
        String syllables = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "탁" + syllables.charAt(random.nextInt(syllables.length())) + syllables.charAt(random.nextInt(
                syllables.length())) + syllables.charAt(random.nextInt(syllables.length()));
    }
}
