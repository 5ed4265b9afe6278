package org.homeward.cases.lifecycle.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.homeward.events.Alert;
import org.homeward.events.CaseClosed;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseReopened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.CaseState;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.ContactKind;
import org.homeward.events.DeathReported;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.EventType;
import org.homeward.events.FamilyContact;
import org.homeward.events.IntentMethod;
import org.homeward.events.LetterReceived;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.ProofOfLife;
import org.homeward.events.Resettled;
import org.homeward.events.ReturnMode;
import org.homeward.events.Returned;
import org.homeward.events.TransferRequested;
import org.homeward.events.Transferred;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every (state, event) pair against the table of docs/state-machine.md, written out here independently of the
 * code's table.
 */
class CaseStateMachineTest {

    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    /** docs/state-machine.md's table: event type -> (legal state -> resulting state); unlisted states reject it. */
    private static final Map<EventType, Map<CaseState, CaseState>> SPEC = new EnumMap<>(EventType.class);

    static {
        spec(EventType.CAPTURED, "REPORTED>IN_CUSTODY");
        // A stated intent is a claim in every live state: it moves the case only before the intent.
        spec(EventType.DEFECTION_INTENT_STATED, "REPORTED>INTENT_STATED", "IN_CUSTODY>INTENT_STATED",
                "INTENT_STATED>INTENT_STATED", "TRANSFER_PENDING>TRANSFER_PENDING", "TRANSFERRED>TRANSFERRED");
        spec(EventType.TRANSFER_REQUESTED, "IN_CUSTODY>TRANSFER_PENDING", "INTENT_STATED>TRANSFER_PENDING");
        spec(EventType.TRANSFERRED, "IN_CUSTODY>TRANSFERRED", "INTENT_STATED>TRANSFERRED",
                "TRANSFER_PENDING>TRANSFERRED");
        spec(EventType.RESETTLED, "TRANSFERRED>RESETTLED");
        spec(EventType.RETURNED, "REPORTED>RETURNED", "IN_CUSTODY>RETURNED", "INTENT_STATED>RETURNED",
                "TRANSFER_PENDING>RETURNED", "TRANSFERRED>RETURNED");
        spec(EventType.DEATH_REPORTED, "REPORTED>DECEASED", "IN_CUSTODY>DECEASED", "INTENT_STATED>DECEASED",
                "TRANSFER_PENDING>DECEASED", "TRANSFERRED>DECEASED", "DECEASED>DECEASED"); // another claim
        // "any": every state but CLOSED itself (closing a closed case is rejected as a data-quality issue).
        spec(EventType.CASE_CLOSED, "REPORTED>CLOSED", "IN_CUSTODY>CLOSED", "INTENT_STATED>CLOSED",
                "TRANSFER_PENDING>CLOSED", "TRANSFERRED>CLOSED", "RESETTLED>CLOSED", "RETURNED>CLOSED",
                "DECEASED>CLOSED");
        // CLOSED -> the state before closing; checked separately with each such state.
        spec(EventType.CASE_REOPENED, "CLOSED>IN_CUSTODY");
        for (EventType timelineOnly : List.of(EventType.LETTER_RECEIVED, EventType.PROOF_OF_LIFE,
                EventType.FAMILY_CONTACT, EventType.NOTE_ADDED)) {
            spec(timelineOnly, "REPORTED>REPORTED", "IN_CUSTODY>IN_CUSTODY", "INTENT_STATED>INTENT_STATED",
                    "TRANSFER_PENDING>TRANSFER_PENDING", "TRANSFERRED>TRANSFERRED");
        }
        // After DEATH_REPORTED, signs of life are kept (with a conflict) rather than rejected.
        SPEC.get(EventType.PROOF_OF_LIFE).put(CaseState.DECEASED, CaseState.DECEASED);
        SPEC.get(EventType.FAMILY_CONTACT).put(CaseState.DECEASED, CaseState.DECEASED);
        SPEC.get(EventType.LETTER_RECEIVED).put(CaseState.DECEASED, CaseState.DECEASED);
        // Sharing rules change who may see the case, in every state, closed included, and never its state.
        for (EventType access : List.of(EventType.CASE_SHARED, EventType.CASE_UNSHARED)) {
            spec(access, "REPORTED>REPORTED", "IN_CUSTODY>IN_CUSTODY", "INTENT_STATED>INTENT_STATED",
                    "TRANSFER_PENDING>TRANSFER_PENDING", "TRANSFERRED>TRANSFERRED", "RESETTLED>RESETTLED",
                    "RETURNED>RETURNED", "DECEASED>DECEASED", "CLOSED>CLOSED");
        }
        // A retraction is judged by CaseLedger against the event it names, never by the state.
        spec(EventType.EVENT_RETRACTED, "REPORTED>REPORTED", "IN_CUSTODY>IN_CUSTODY", "INTENT_STATED>INTENT_STATED",
                "TRANSFER_PENDING>TRANSFER_PENDING", "TRANSFERRED>TRANSFERRED", "RESETTLED>RESETTLED",
                "RETURNED>RETURNED", "DECEASED>DECEASED", "CLOSED>CLOSED");
        // An erasure ends every case but an erased one; nothing is legal after it.
        spec(EventType.CASE_ERASED, "REPORTED>ERASED", "IN_CUSTODY>ERASED", "INTENT_STATED>ERASED",
                "TRANSFER_PENDING>ERASED", "TRANSFERRED>ERASED", "RESETTLED>ERASED", "RETURNED>ERASED",
                "DECEASED>ERASED", "CLOSED>ERASED");
    }

    private static void spec(EventType type, String... moves) {
        Map<CaseState, CaseState> legal = new EnumMap<>(CaseState.class);
        for (String move : moves) {
            String[] parts = move.split(">");
            legal.put(CaseState.valueOf(parts[0]), CaseState.valueOf(parts[1]));
        }
        SPEC.put(type, legal);
    }

    static Stream<Arguments> everyStateAndEvent() {
        List<Arguments> pairs = new ArrayList<>();
        for (CaseState state : CaseState.values()) {
            for (EventType type : EventType.values()) {
                pairs.add(Arguments.of(state, type));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyStateAndEvent")
    void everyPairIsAppliedToTheSpecStateOrRejectedWithAReason(CaseState state, EventType type) {
        CaseFacts facts = new CaseFacts(state, state == CaseState.CLOSED ? CaseState.IN_CUSTODY : null,
                Category.NORTH_KOREAN_POW, null, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 5));

        Decision decision = CaseStateMachine.decide(facts, sample(type), NOW);

        CaseState expected = type == EventType.CASE_OPENED ? null : SPEC.get(type).get(state);
        if (expected == null) {
            assertEquals(TransitionStatus.REJECTED, decision.status());
            assertEquals(state, decision.from());
            assertEquals(state, decision.to(), "a rejected event leaves the state alone");
            assertTrue(decision.reason() != null && !decision.reason().isBlank(), "a rejection has a reason");
            assertTrue(decision.alerts().contains(Alert.DATA_QUALITY));
            assertEquals(Urgency.NORMAL, decision.urgency(type));
            assertEquals(facts, decision.after(), "a rejected event changes no fact");
        } else {
            assertEquals(TransitionStatus.APPLIED, decision.status(), () -> decision.reason());
            assertEquals(state, decision.from());
            assertEquals(expected, decision.to());
            assertEquals(expected, decision.after().state());
            assertTrue(!decision.alerts().contains(Alert.DATA_QUALITY));
        }
    }

    @Test
    void theTableCoversEveryEventType() {
        assertEquals(Arrays.stream(EventType.values()).filter(t -> t != EventType.CASE_OPENED).toList(),
                new ArrayList<>(SPEC.keySet()));
    }

    @Test
    void openingStartsReportedAndOnlyOnce() {
        CaseOpened opened = (CaseOpened) sample(EventType.CASE_OPENED);
        Decision first = CaseStateMachine.decide(null, opened, NOW);
        assertEquals(TransitionStatus.APPLIED, first.status());
        assertNull(first.from());
        assertEquals(CaseState.REPORTED, first.to());
        assertEquals(Category.NORTH_KOREAN_POW, first.after().category());

        Decision unknownCase = CaseStateMachine.decide(null, sample(EventType.CAPTURED), NOW);
        assertEquals(TransitionStatus.REJECTED, unknownCase.status());
        assertNull(unknownCase.after());
        assertTrue(unknownCase.reason().contains("no case"));
    }

    @Test
    void reopeningReturnsToTheStateBeforeClosing() {
        for (CaseState before : CaseState.values()) {
            if (before == CaseState.CLOSED || before == CaseState.ERASED) {
                continue;
            }
            CaseFacts open = new CaseFacts(before, null, Category.DETAINEE, null, null, null);
            Decision closed = CaseStateMachine.decide(open, new CaseClosed("duplicate"), NOW);
            assertEquals(CaseState.CLOSED, closed.to());
            Decision reopened = CaseStateMachine.decide(closed.after(), new CaseReopened("not a duplicate"), NOW);
            assertEquals(before, reopened.to(), "reopening a case closed from " + before);
            assertNull(reopened.after().stateBeforeClose());
        }
    }

    @Test
    void aTransferToThePartyThePersonFleesIsACriticalRisk() {
        CaseFacts intent = applyAll(Category.NORTH_KOREAN_POW, new Captured("Ukraine", null),
                new DefectionIntentStated("South Korea", IntentMethod.LETTER, null));
        assertEquals("South Korea", intent.statedDestination());

        for (String party : List.of("North Korea", "DPRK", "북한", "Russia", "the Russian Federation")) {
            Decision transfer = CaseStateMachine.decide(intent, new Transferred("Ukraine", party), NOW);
            assertEquals(TransitionStatus.APPLIED, transfer.status());
            assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), transfer.alerts(), party);
            assertEquals(Urgency.CRITICAL, transfer.urgency(EventType.TRANSFERRED));
            Decision request = CaseStateMachine.decide(intent, new TransferRequested("Russia", party), NOW);
            assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK), request.alerts(), party);
        }
        Decision safe = CaseStateMachine.decide(intent, new Transferred("Ukraine", "Republic of Korea"), NOW);
        assertEquals(List.of(), safe.alerts());
        assertEquals(Urgency.HIGH, safe.urgency(EventType.TRANSFERRED));

        CaseFacts noIntent = applyAll(Category.NORTH_KOREAN_POW, new Captured("Ukraine", null));
        assertEquals(List.of(),
                CaseStateMachine.decide(noIntent, new Transferred("Ukraine", "Russia"), NOW).alerts(),
                "without a stated intent a transfer is not judged");

        CaseFacts defector = applyAll(Category.DEFECTOR, new DefectionIntentStated("South Korea", null, null));
        assertEquals(List.of(), CaseStateMachine.decide(defector, new Transferred("China", "Russia"), NOW).alerts());
        assertEquals(List.of(Alert.FORCED_REPATRIATION_RISK),
                CaseStateMachine.decide(defector, new Transferred("China", "North Korea"), NOW).alerts());
    }

    @Test
    void anIllegalTransferToTheFledPartyIsRejectedAndStillCritical() {
        CaseFacts resettledElsewhere = new CaseFacts(CaseState.RESETTLED, null, Category.NORTH_KOREAN_POW,
                "South Korea", null, null);
        Decision decision = CaseStateMachine.decide(resettledElsewhere, new Transferred("Ukraine", "North Korea"), NOW);
        assertEquals(TransitionStatus.REJECTED, decision.status());
        assertTrue(decision.alerts().containsAll(List.of(Alert.FORCED_REPATRIATION_RISK, Alert.DATA_QUALITY)));
        assertEquals(Urgency.CRITICAL, decision.urgency(EventType.TRANSFERRED));
    }

    @Test
    void signsOfLifeAfterDeathAreAppliedAndLeaveTheStateAlone() {
        CaseFacts dead = applyAll(Category.SOUTH_KOREAN_POW, new DeathReported("KCNA", LocalDate.of(2024, 3, 1)));
        assertEquals(CaseState.DECEASED, dead.state());
        assertEquals(LocalDate.of(2024, 3, 1), dead.dateOfDeath());

        // Whether they contradict the death is judged on the dated claims (DerivationTest), not here.
        for (CaseEventData sign : List.of(new ProofOfLife("Red Cross", LocalDate.of(2025, 6, 1)),
                letterWritten(LocalDate.of(2023, 12, 24)), new FamilyContact(ContactKind.VIDEO_REUNION, "sister"))) {
            Decision decision = CaseStateMachine.decide(dead, sign, NOW);
            assertEquals(TransitionStatus.APPLIED, decision.status());
            assertEquals(CaseState.DECEASED, decision.to(), "the state stays until someone acts");
        }
        Decision second = CaseStateMachine.decide(dead, new DeathReported("a defector", LocalDate.of(2019, 1, 1)), NOW);
        assertEquals(TransitionStatus.APPLIED, second.status(), "a second death report is another claim");
        assertEquals(LocalDate.of(2019, 1, 1), second.after().dateOfDeath(), "the earliest date of death");
    }

    @Test
    void aDeathWithoutADateIsDatedByTheEvent() {
        CaseFacts reported = new CaseFacts(CaseState.REPORTED, null, Category.WAR_ABDUCTEE, null, null, null);
        Decision death = CaseStateMachine.decide(reported, new DeathReported("KCNA", null), NOW);
        assertEquals(LocalDate.of(2026, 1, 10), death.after().dateOfDeath());
    }

    private static CaseFacts applyAll(Category category, CaseEventData... events) {
        CaseFacts facts = CaseStateMachine.decide(null,
                new CaseOpened(category, new Person("김광원", List.of(), 1950, null, null), null, null), NOW).after();
        for (CaseEventData event : events) {
            Decision decision = CaseStateMachine.decide(facts, event, NOW);
            assertEquals(TransitionStatus.APPLIED, decision.status(), decision::reason);
            facts = decision.after();
        }
        return facts;
    }

    private static LetterReceived letterWritten(LocalDate writtenOn) {
        return new LetterReceived("the person", "NGO", writtenOn, LocalDate.of(2025, 1, 1), "ko", "alive", "doc-1");
    }

    static CaseEventData sample(EventType type) {
        return switch (type) {
            case CASE_OPENED -> new CaseOpened(Category.NORTH_KOREAN_POW,
                    new Person("리광철", List.of(), 2000, null, null), null, null);
            case CAPTURED -> new Captured("Ukraine", "Kursk");
            case LETTER_RECEIVED -> letterWritten(LocalDate.of(2025, 10, 28));
            case DEFECTION_INTENT_STATED -> new DefectionIntentStated("South Korea", IntentMethod.LETTER, UUID.randomUUID());
            case TRANSFER_REQUESTED -> new TransferRequested("UNHCR", "South Korea");
            case TRANSFERRED -> new Transferred("Ukraine", "South Korea");
            case RESETTLED -> new Resettled("Seoul");
            case RETURNED -> new Returned(ReturnMode.ESCAPED, "South Korea");
            case DEATH_REPORTED -> new DeathReported("KCNA", LocalDate.of(2024, 3, 1));
            case PROOF_OF_LIFE -> new ProofOfLife("Red Cross", LocalDate.of(2025, 6, 1));
            case FAMILY_CONTACT -> new FamilyContact(ContactKind.MAIL, "brother");
            case NOTE_ADDED -> new NoteAdded("called the ministry");
            case CASE_CLOSED -> new CaseClosed("merged");
            case CASE_REOPENED -> new CaseReopened("new evidence");
            case CASE_SHARED -> new CaseShared("red-cross", "referral");
            case CASE_UNSHARED -> new CaseUnshared("red-cross", null);
            case EVENT_RETRACTED -> new org.homeward.events.EventRetracted(UUID.randomUUID(), "reported in error");
            case CASE_ERASED -> new org.homeward.events.CaseErased(org.homeward.events.ErasureReason.CONSENT_WITHDRAWN);
        };
    }
}
