package org.homeward.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.cases.lifecycle.domain.Rederivation;
import org.homeward.events.Alert;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseTransition;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.DeathReported;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.EventRetracted;
import org.homeward.events.IntentMethod;
import org.homeward.events.ProofOfLife;
import org.homeward.events.ReturnMode;
import org.homeward.events.Returned;
import org.homeward.events.TransferRequested;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Transferred;
import org.homeward.events.CaseState;
import org.homeward.events.Urgency;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The case service against a real Kafka and PostgreSQL, with reports that arrive late, disagree or are retracted:
 * each case is derived from its events in the order they happened, and every change is announced.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class LateAndRetractedReportsTest {

    private static final Instant JAN = Instant.parse("2025-01-09T06:00:00Z");
    private static final Instant OCT = Instant.parse("2025-10-28T00:00:00Z");
    private static final Instant FEB26 = Instant.parse("2026-02-01T09:00:00Z");
    private static CaseEventsOnKafka kafka;

    @Inject
    Rederivation rederivation;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void connect() {
        Callers.signInAsCaseworker();
        kafka = new CaseEventsOnKafka();
    }

    @AfterAll
    static void disconnect() {
        Callers.signOut();
        kafka.close();
    }

    private static UUID open(Category category) {
        return kafka.open(category, "리광철", List.of("Ri Gwang-cheol"), 2000, LocalDate.of(2025, 1, 9));
    }

    private static DefectionIntentStated intent() {
        return new DefectionIntentStated("South Korea", IntentMethod.LETTER, null);
    }

    @Test
    void aLateCaptureIsAppliedAtItsTimeAndTheTimelineListsEntriesByWhenTheyHappened() {
        UUID caseId = open(Category.NORTH_KOREAN_POW);
        UUID stated = kafka.publishAt(caseId, intent(), OCT);
        UUID captured = kafka.publishAt(caseId, new Captured("Ukraine", "Kursk"), JAN);
        CaseEventsOnKafka.awaitVersion(caseId, 2);

        given().get("/api/v1/cases/{id}", caseId).then().body("state", equalTo("INTENT_STATED"));
        given().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200)
                .body("items.type", contains("CASE_OPENED", "CAPTURED", "DEFECTION_INTENT_STATED"))
                .body("items[1].eventId", equalTo(captured.toString()))
                .body("items[1].status", equalTo("APPLIED"))
                .body("items[1].fromState", equalTo("REPORTED")).body("items[1].toState", equalTo("IN_CUSTODY"))
                .body("items[2].fromState", equalTo("IN_CUSTODY"))
                .body("items[1].sequence", notNullValue());
        List<Integer> sequences = given().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId)
                .then().statusCode(200)
                .body("items.eventId", contains(notNullValue(), equalTo(stated.toString()),
                        equalTo(captured.toString())))
                .extract().path("items.sequence");
        assertTrue(sequences.get(0) < sequences.get(1) && sequences.get(1) < sequences.get(2), sequences::toString);
        given().queryParam("order", "sideways").get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(422)
                .body("errors[0].pointer", equalTo("order"));
    }

    @Test
    void aLateReportThatMakesALaterEventLegalMovesTheStateAndItsTransitionSaysSo() {
        UUID caseId = open(Category.NORTH_KOREAN_POW);
        UUID transfer = kafka.publishAt(caseId, new Transferred("Ukraine", "South Korea"), FEB26);
        assertEquals(TransitionStatus.REJECTED, kafka.transitionOf(caseId, transfer).status());

        UUID captured = kafka.publishAt(caseId, new Captured("Ukraine", null), JAN);

        CaseTransition announced = kafka.transitionOf(caseId, captured);
        assertEquals(CaseState.REPORTED, announced.fromState());
        assertEquals(CaseState.TRANSFERRED, announced.toState(), "the case moved, caused by the late capture");
        assertEquals(TransitionStatus.APPLIED, announced.status());
        given().get("/api/v1/cases/{id}", caseId).then().body("state", equalTo("TRANSFERRED"));
        given().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then()
                .body("items[1].status", equalTo("APPLIED")).body("items[1].toState", equalTo("TRANSFERRED"));
    }

    @Test
    void anIntentArrivingAfterTheTransferItPrecedesRaisesTheCriticalAlert() {
        UUID caseId = open(Category.NORTH_KOREAN_POW);
        kafka.publishAt(caseId, new Captured("Ukraine", null), JAN);
        UUID transfer = kafka.publishAt(caseId, new Transferred("Ukraine", "Pyongyang"), FEB26);
        assertEquals(List.of(), kafka.transitionOf(caseId, transfer).alerts());

        UUID stated = kafka.publishAt(caseId, intent(), OCT);

        CaseTransition announced = kafka.transitionOf(caseId, stated);
        assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), announced.alerts());
        assertEquals(Urgency.CRITICAL, announced.urgency());
        assertEquals(org.homeward.events.ReasonCode.FORCED_REPATRIATION_RISK, announced.reason());
        given().get("/api/v1/cases/{id}", caseId).then()
                .body("conflicts.kind", contains("FORCED_REPATRIATION_RISK"))
                .body("conflicts[0].eventId", equalTo(transfer.toString()));
    }

    @Test
    void anIntentDuringAPendingTransferAndARepatriationHomeAreCaught() {
        UUID caseId = open(Category.NORTH_KOREAN_POW);
        kafka.publishAt(caseId, new Captured("Ukraine", null), JAN);
        kafka.publishAt(caseId, new TransferRequested("Russia", "Russian Federation"), Instant.parse("2025-06-01T00:00:00Z"));
        UUID stated = kafka.publishAt(caseId, intent(), OCT);
        assertEquals(TransitionStatus.APPLIED, kafka.transitionOf(caseId, stated).status());
        given().get("/api/v1/cases/{id}", caseId).then().body("state", equalTo("TRANSFER_PENDING"));

        UUID returned = kafka.publishAt(caseId, new Returned(ReturnMode.REPATRIATED, null), FEB26);

        assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), kafka.transitionOf(caseId, returned).alerts());
    }

    @Test
    void aDisputedDeathIsShownWithItsClaimsAndARetractedReportPutsTheCaseBack() {
        UUID caseId = open(Category.SOUTH_KOREAN_POW);
        UUID kcna = kafka.publishAt(caseId, new DeathReported("KCNA", LocalDate.of(2018, 3, 1)),
                Instant.parse("2018-04-01T00:00:00Z"));
        UUID second = kafka.publishAt(caseId, new DeathReported("a defector", LocalDate.of(2018, 6, 1)),
                Instant.parse("2019-04-01T00:00:00Z"));
        assertEquals(TransitionStatus.APPLIED, kafka.transitionOf(caseId, second).status(), "another claim");
        UUID seen = kafka.publishAt(caseId, new ProofOfLife("Red Cross", LocalDate.of(2024, 5, 5)),
                Instant.parse("2024-05-06T00:00:00Z"));
        CaseTransition alive = kafka.transitionOf(caseId, seen);
        assertEquals(List.of(Alert.LIFE_AFTER_DEATH), alive.alerts());
        assertEquals(Urgency.CRITICAL, alive.urgency());
        given().get("/api/v1/cases/{id}", caseId).then()
                .body("state", equalTo("DECEASED"))
                .body("vitalStatus", equalTo("DISPUTED")).body("vitalStatusDate", equalTo("2024-05-05"))
                .body("vitalClaims", hasSize(3))
                .body("vitalClaims.source", contains("KCNA", "a defector", "Red Cross"))
                .body("vitalClaims[0].reportedBy", equalTo(Callers.ORGANISATION))
                .body("conflicts.kind", contains("LIFE_AFTER_DEATH"));

        UUID retraction = kafka.publishAt(caseId, new EventRetracted(kcna, "KCNA confused him with his brother"),
                Instant.parse("2024-06-01T00:00:00Z"));
        kafka.publishAt(caseId, new EventRetracted(second, "hearsay"), Instant.parse("2024-06-02T00:00:00Z"));
        CaseEventsOnKafka.awaitVersion(caseId, 5);

        CaseTransition retracted = kafka.transitionOf(caseId, retraction);
        assertEquals(TransitionStatus.APPLIED, retracted.status());
        assertEquals(CaseState.DECEASED, retracted.fromState(), "one death report still stood");
        given().get("/api/v1/cases/{id}", caseId).then()
                .body("state", equalTo("REPORTED"))
                .body("vitalStatus", equalTo("ALIVE")).body("vitalStatusDate", equalTo("2024-05-05"))
                .body("conflicts", hasSize(0));
        given().get("/api/v1/cases/{id}/timeline", caseId).then()
                .body("items.find { it.eventId == '" + kcna + "' }.status", equalTo("RETRACTED"))
                .body("items.find { it.eventId == '" + kcna + "' }.retractedBy", equalTo(retraction.toString()))
                .body("items.find { it.eventId == '" + kcna + "' }.retractedByOrganisation",
                        equalTo(Callers.ORGANISATION))
                .body("items.find { it.eventId == '" + kcna + "' }.retractionReason",
                        equalTo("KCNA confused him with his brother"))
                .body("items.find { it.eventId == '" + kcna + "' }.retractedAt", equalTo("2024-06-01T00:00:00Z"))
                // The retraction's own eventId and reason clash with the entry's: they appear under "event".
                .body("items.find { it.eventId == '" + retraction + "' }.type", equalTo("EVENT_RETRACTED"))
                .body("items.find { it.eventId == '" + retraction + "' }.event.eventId", equalTo(kcna.toString()))
                .body("items.find { it.eventId == '" + retraction + "' }.event.reason",
                        equalTo("KCNA confused him with his brother"));
        String timeline = given().get("/api/v1/cases/{id}/timeline", caseId).asString();
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> com.fasterxml.jackson.databind.json.JsonMapper
                .builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
                .readTree(timeline), "no key twice in an entry");
    }

    @Test
    void retractionsTheRulesForbidAreKeptAsRejected() {
        UUID caseId = open(Category.DETAINEE);
        UUID note = kafka.publishAt(caseId, new org.homeward.events.NoteAdded("called"), JAN);
        UUID shared = kafka.publish(caseId, new CaseShared("red-cross", "referral"));
        CaseEventsOnKafka.awaitVersion(caseId, 2);

        UUID unknown = kafka.publishAt(caseId, new EventRetracted(UUID.randomUUID(), "?"), OCT);
        UUID byPartner = kafka.publish(UUID.randomUUID(), caseId, new EventRetracted(note, "not ours"), "red-cross",
                OCT);
        UUID share = kafka.publishAt(caseId, new EventRetracted(shared, "use unshare"), OCT);
        UUID first = kafka.publishAt(caseId, new EventRetracted(note, "wrong case"), OCT);
        UUID again = kafka.publishAt(caseId, new EventRetracted(note, "twice"), OCT);
        UUID ofRetraction = kafka.publishAt(caseId, new EventRetracted(first, "undo"), OCT);

        for (UUID refused : List.of(unknown, byPartner, share, again, ofRetraction)) {
            CaseTransition t = kafka.transitionOf(caseId, refused);
            assertEquals(TransitionStatus.REJECTED, t.status(), refused::toString);
            assertTrue(t.alerts().contains(Alert.DATA_QUALITY));
        }
        assertEquals(TransitionStatus.APPLIED, kafka.transitionOf(caseId, first).status());
        // On the topic, which rule refused each: a code; the texts are in the timeline.
        assertEquals(org.homeward.events.ReasonCode.RETRACTION_NOT_PERMITTED,
                kafka.transitionOf(caseId, byPartner).reason());
        assertEquals(org.homeward.events.ReasonCode.RETRACTION_UNKNOWN_EVENT,
                kafka.transitionOf(caseId, unknown).reason());
        for (UUID notRetractable : List.of(share, again, ofRetraction)) {
            assertEquals(org.homeward.events.ReasonCode.RETRACTION_NOT_RETRACTABLE,
                    kafka.transitionOf(caseId, notRetractable).reason(), notRetractable::toString);
        }
        given().get("/api/v1/cases/{id}/timeline", caseId).then()
                .body("items.find { it.eventId == '" + byPartner + "' }.reason",
                        org.hamcrest.Matchers.containsString("only the organisation that reported"));
        given().get("/api/v1/cases/{id}/timeline", caseId).then()
                .body("items.find { it.eventId == '" + note + "' }.status", equalTo("RETRACTED"))
                .body("items.findAll { it.status == 'RETRACTED' }.eventId", not(hasItem(shared.toString())));
    }

    @Test
    void casesStoredUnderOlderRulesAreDerivedAgainAndTheChangeIsAnnounced() throws Exception {
        UUID caseId = open(Category.NORTH_KOREAN_POW);
        UUID transfer = kafka.publishAt(caseId, new Transferred("Ukraine", "South Korea"), FEB26);
        kafka.publishAt(caseId, new Captured("Ukraine", null), JAN);
        CaseEventsOnKafka.awaitVersion(caseId, 2);
        // As the arrival-order rules left it: the transfer rejected (it came before the capture), the case IN_CUSTODY.
        try (Connection c = database.getConnection(); PreparedStatement old = c.prepareStatement(
                "update cases set derivation_version = null, state = 'IN_CUSTODY' where case_id = ?");
             PreparedStatement rejected = c.prepareStatement("update timeline_entries set status = 'REJECTED', "
                     + "from_state = 'REPORTED', to_state = 'REPORTED' where event_id = ?")) {
            old.setObject(1, caseId);
            old.executeUpdate();
            rejected.setObject(1, transfer);
            rejected.executeUpdate();
        }

        await().atMost(CaseEventsOnKafka.WAIT).until(() -> {
            rederivation.runBatch();
            return rederivation.pendingCases() == 0;
        });

        given().get("/api/v1/cases/{id}", caseId).then().body("state", equalTo("TRANSFERRED"));
        given().queryParam("order", "arrival").get("/api/v1/cases/{id}/timeline", caseId).then()
                .body("items[1].status", equalTo("APPLIED")).body("items[1].toState", equalTo("TRANSFERRED"));
        CaseTransition announced = await().atMost(CaseEventsOnKafka.WAIT).until(() -> kafka.transitionsOf(caseId, 3)
                .stream().filter(t -> t.eventId() == null).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertEquals(CaseState.IN_CUSTODY, announced.fromState());
        assertEquals(CaseState.TRANSFERRED, announced.toState());
        assertEquals(org.homeward.events.ReasonCode.DERIVED_AGAIN, announced.reason());
        assertEquals(0, rederivation.runBatch(), "nothing left to derive again");
    }
}
