package org.homeward.cases.lifecycle.domain;

import static org.homeward.cases.lifecycle.domain.Histories.event;
import static org.homeward.cases.lifecycle.domain.Histories.opening;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.DeathReported;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.IntentMethod;
import org.homeward.events.LetterReceived;
import org.homeward.events.ProofOfLife;
import org.homeward.events.ReturnMode;
import org.homeward.events.Returned;
import org.homeward.events.TransferRequested;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Transferred;
import org.homeward.events.Urgency;
import org.homeward.events.EventType;
import org.junit.jupiter.api.Test;

/** The derivation of a case from its dated events, arriving late, disagreeing or retracted. */
class DerivationTest {

    private static final Instant JAN = Instant.parse("2025-01-09T06:00:00Z");
    private static final Instant MAR = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2025-05-01T00:00:00Z");
    private static final Instant OCT = Instant.parse("2025-10-28T00:00:00Z");
    private static final Instant FEB26 = Instant.parse("2026-02-01T09:00:00Z");

    private static DefectionIntentStated intent() {
        return new DefectionIntentStated("South Korea", IntentMethod.LETTER, null);
    }

    @Test
    void aLateReportOfAnEarlierFactIsPlacedAtItsTime() {
        var opened = opening(Category.NORTH_KOREAN_POW);
        var intent = event(intent(), OCT);
        var capture = event(new Captured("Ukraine", "Kursk"), JAN);
        Histories history = new Histories().take(opened).take(intent).take(capture);

        assertEquals(CaseState.INTENT_STATED, history.outcome().state());
        Derivation.Judgement captured = history.judgement(capture.eventId());
        assertEquals(TransitionStatus.APPLIED, captured.status(), "applied where it falls, not rejected");
        assertEquals(CaseState.REPORTED, captured.from());
        assertEquals(CaseState.IN_CUSTODY, captured.to());
        Derivation.Judgement stated = history.judgement(intent.eventId());
        assertEquals(CaseState.IN_CUSTODY, stated.from(), "the later history is judged again");
    }

    @Test
    void aLateReportMakesALaterEventLegalAndMovesTheState() {
        var opened = opening(Category.NORTH_KOREAN_POW);
        var transfer = event(new Transferred("Ukraine", "South Korea"), FEB26);
        Histories history = new Histories().take(opened).take(transfer);
        assertEquals(TransitionStatus.REJECTED, history.judgement(transfer.eventId()).status());
        assertEquals(CaseState.REPORTED, history.outcome().state());

        history.take(event(new Captured("Ukraine", null), JAN));

        assertEquals(TransitionStatus.APPLIED, history.judgement(transfer.eventId()).status());
        assertEquals(CaseState.TRANSFERRED, history.outcome().state());
    }

    @Test
    void theOpeningComesFirstWhateverItsDate() {
        var letter = event(new LetterReceived("him", "NGO", LocalDate.of(1999, 5, 1), LocalDate.of(1999, 6, 1),
                "ko", null, null), Instant.parse("1999-05-01T00:00:00Z"));
        Histories history = new Histories().take(opening(Category.WAR_ABDUCTEE)).take(letter);
        assertEquals(TransitionStatus.APPLIED, history.judgement(letter.eventId()).status());
    }

    @Test
    void anIntentStatedWhileATransferIsPendingIsRecordedAndTheTransferThatFollowsIsCritical() {
        var transfer = event(new Transferred("Ukraine", "Pyongyang"), FEB26);
        Histories history = new Histories().take(opening(Category.NORTH_KOREAN_POW))
                .take(event(new Captured("Ukraine", null), JAN))
                .take(event(new TransferRequested("Russia", "Russian Federation"), MAR));
        var stated = event(intent(), MAY);
        history.take(stated);
        assertEquals(TransitionStatus.APPLIED, history.judgement(stated.eventId()).status());
        assertEquals(CaseState.TRANSFER_PENDING, history.outcome().state(), "recorded, the state unchanged");

        history.take(transfer);
        Derivation.Judgement moved = history.judgement(transfer.eventId());
        assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), moved.alerts());
        assertEquals(Urgency.CRITICAL, moved.urgency(EventType.TRANSFERRED));
        assertTrue(history.hasConflict(Alert.FORCED_REPATRIATION_RISK, transfer.eventId()));
    }

    @Test
    void anIntentArrivingAfterTheTransferItPrecedesReevaluatesIt() {
        var transfer = event(new Transferred("Ukraine", "DPRK"), FEB26);
        Histories history = new Histories().take(opening(Category.NORTH_KOREAN_POW))
                .take(event(new Captured("Ukraine", null), JAN)).take(transfer);
        assertFalse(history.hasConflict(Alert.FORCED_REPATRIATION_RISK, transfer.eventId()));

        history.take(event(intent(), OCT));

        assertTrue(history.hasConflict(Alert.FORCED_REPATRIATION_RISK, transfer.eventId()));
        assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), history.judgement(transfer.eventId()).alerts());
    }

    @Test
    void aRepatriationHomeAfterAStatedIntentIsCriticalForThoseWhoseHomeIsTheNorth() {
        for (Category category : List.of(Category.NORTH_KOREAN_POW, Category.DEFECTOR)) {
            var returned = event(new Returned(ReturnMode.REPATRIATED, null), FEB26);
            Histories history = new Histories().take(opening(category)).take(event(intent(), OCT)).take(returned);
            assertTrue(history.hasConflict(Alert.FORCED_REPATRIATION_RISK, returned.eventId()), category.name());
            assertEquals(CaseState.RETURNED, history.outcome().state());
        }
        var named = event(new Returned(ReturnMode.REPATRIATED, "조선민주주의인민공화국"), FEB26);
        assertTrue(new Histories().take(opening(Category.SOUTH_KOREAN_POW)).take(event(intent(), OCT)).take(named)
                .hasConflict(Alert.FORCED_REPATRIATION_RISK, named.eventId()), "any category, the North named");

        var home = event(new Returned(ReturnMode.REPATRIATED, null), FEB26);
        assertEquals(List.of(), new Histories().take(opening(Category.SOUTH_KOREAN_POW)).take(event(intent(), OCT))
                .take(home).judgement(home.eventId()).alerts(), "a South Korean prisoner repatriated is home");
    }

    @Test
    void aMovementToAPartyTheGazetteerDoesNotKnowIsFlaggedNamingTheField() {
        var transfer = event(new TransferRequested("ICRC", "an undisclosed third country"), FEB26);
        Histories history = new Histories().take(opening(Category.NORTH_KOREAN_POW))
                .take(event(new Captured("Ukraine", null), JAN)).take(event(intent(), OCT)).take(transfer);

        Derivation.Judgement judged = history.judgement(transfer.eventId());
        assertEquals(List.of(Alert.UNRECOGNISED_DESTINATION), judged.alerts());
        assertEquals(Urgency.HIGH, judged.urgency(EventType.TRANSFER_REQUESTED));
        assertTrue(judged.reason().contains("/to"), judged.reason());

        var before = event(new TransferRequested("ICRC", "an undisclosed third country"), MAR);
        assertEquals(List.of(), new Histories().take(opening(Category.NORTH_KOREAN_POW))
                .take(event(new Captured("Ukraine", null), JAN)).take(before).judgement(before.eventId()).alerts(),
                "before any stated intent nothing is judged");
    }

    @Test
    void deathReportsAndEvidenceOfLifeAreClaimsWeighedByTheirDates() {
        Histories history = new Histories().take(opening(Category.WAR_ABDUCTEE));
        assertEquals(Vitals.Status.UNKNOWN, history.outcome().vitals().status());

        history.take(event(new ProofOfLife("Red Cross", LocalDate.of(2015, 6, 1)), Instant.parse("2015-06-02T00:00:00Z")));
        assertEquals(new Vitals(Vitals.Status.ALIVE, LocalDate.of(2015, 6, 1)), history.outcome().vitals());

        var kcna = event(new DeathReported("KCNA", LocalDate.of(2018, 3, 1)), Instant.parse("2018-04-01T00:00:00Z"));
        history.take(kcna);
        assertEquals(new Vitals(Vitals.Status.REPORTED_DEAD, LocalDate.of(2018, 3, 1)), history.outcome().vitals());
        assertEquals(CaseState.DECEASED, history.outcome().state());

        var second = event(new DeathReported("a defector", LocalDate.of(2018, 9, 1)),
                Instant.parse("2019-01-01T00:00:00Z"));
        history.take(second);
        assertEquals(TransitionStatus.APPLIED, history.judgement(second.eventId()).status(), "never rejected");
        assertEquals(Vitals.Status.REPORTED_DEAD, history.outcome().vitals().status(), "within a year: agree");

        var seen = event(new ProofOfLife("video", LocalDate.of(2020, 5, 5)), Instant.parse("2020-05-06T00:00:00Z"));
        history.take(seen);
        assertEquals(new Vitals(Vitals.Status.DISPUTED, LocalDate.of(2020, 5, 5)), history.outcome().vitals());
        assertTrue(history.hasConflict(Alert.LIFE_AFTER_DEATH, seen.eventId()));
        assertEquals(Urgency.CRITICAL, history.judgement(seen.eventId()).urgency(EventType.PROOF_OF_LIFE));
        assertEquals(CaseState.DECEASED, history.outcome().state(), "the state moves only by legal steps");

        history.retract(seen.eventId());
        assertEquals(Vitals.Status.REPORTED_DEAD, history.outcome().vitals().status());
        assertFalse(history.hasConflict(Alert.LIFE_AFTER_DEATH, seen.eventId()));

        history.retract(kcna.eventId()).retract(second.eventId());
        assertEquals(new Vitals(Vitals.Status.ALIVE, LocalDate.of(2015, 6, 1)), history.outcome().vitals());
        assertEquals(CaseState.REPORTED, history.outcome().state(), "a wrong death report retracted: back where it was");
    }

    @Test
    void deathReportsWhoseDatesDifferByMoreThanAYearAreDisputed() {
        Histories history = new Histories().take(opening(Category.SOUTH_KOREAN_POW))
                .take(event(new DeathReported("KCNA", LocalDate.of(1994, 1, 1)), Instant.parse("1995-01-01T00:00:00Z")))
                .take(event(new DeathReported("family", LocalDate.of(2001, 1, 1)), Instant.parse("2002-01-01T00:00:00Z")));
        assertEquals(Vitals.Status.DISPUTED, history.outcome().vitals().status());
    }

    @Test
    void aDeathReportedLateTurnsEarlierEvidenceOfLifeIntoAConflict() {
        var proof = event(new ProofOfLife("Red Cross", LocalDate.of(2021, 1, 1)), Instant.parse("2021-01-02T00:00:00Z"));
        Histories history = new Histories().take(opening(Category.WAR_ABDUCTEE)).take(proof)
                .take(event(new DeathReported("KCNA", LocalDate.of(2019, 1, 1)), Instant.parse("2019-02-01T00:00:00Z")));
        assertTrue(history.hasConflict(Alert.LIFE_AFTER_DEATH, proof.eventId()));
        assertEquals(Vitals.Status.DISPUTED, history.outcome().vitals().status());
    }
}
