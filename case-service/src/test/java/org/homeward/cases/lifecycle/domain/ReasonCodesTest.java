package org.homeward.cases.lifecycle.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.cases.access.domain.AccessRules;
import org.homeward.events.Alert;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseState;
import org.homeward.events.CaseUnshared;
import org.homeward.events.Category;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.ReasonCode;
import org.homeward.events.Resettled;
import org.homeward.events.TransferRequested;
import org.homeward.events.TransitionStatus;
import org.junit.jupiter.api.Test;

/** Every reason the rules write maps to its own code, so the topic never needs the text. */
class ReasonCodesTest {

    private static final Instant NOW = Instant.parse("2025-01-09T06:00:00Z");

    @Test
    void everyRejectionTheRulesWriteHasItsCode() {
        CaseFacts reported = new CaseFacts(CaseState.REPORTED, null, Category.DEFECTOR, null, null, null);
        assertEquals(ReasonCode.NOT_LEGAL_IN_STATE, code(CaseStateMachine.decide(reported, new Resettled("x"), NOW)));
        assertEquals(ReasonCode.NO_SUCH_CASE, code(CaseStateMachine.decide(null, new NoteAdded("x"), NOW)));
        assertEquals(ReasonCode.ALREADY_OPEN, code(CaseStateMachine.decide(reported, new CaseOpened(Category.DEFECTOR,
                new Person("김", List.of(), null, null, null), null, null), NOW)));

        Set<String> granted = Set.of("owner", "partner");
        assertEquals(ReasonCode.REJECTED_NO_ACCESS, refusal(granted, "stranger", new NoteAdded("x")));
        assertEquals(ReasonCode.REJECTED_NOT_OWNER, refusal(granted, "partner", new CaseShared("third", "x")));
        assertEquals(ReasonCode.REJECTED_OWNER_ACCESS, refusal(granted, "owner", new CaseShared("owner", "x")));
        assertEquals(ReasonCode.REJECTED_OWNER_ACCESS, refusal(granted, "owner", new CaseUnshared("owner", "x")));
        assertEquals(ReasonCode.REJECTED_NOTHING_TO_REVOKE, refusal(granted, "owner", new CaseUnshared("third", "x")));

        assertEquals(ReasonCode.REJECTED_OTHER, ReasonCodes.of(TransitionStatus.REJECTED, "something new", List.of()));
    }

    @Test
    void anAppliedEventCarriesItsMostUrgentAlertsCodeAndAQuotingReasonStaysOut() {
        CaseFacts intent = new CaseFacts(CaseState.INTENT_STATED, null, Category.NORTH_KOREAN_POW, "Ulleungdo", null,
                null);
        Decision risk = CaseStateMachine.decide(intent, new TransferRequested("Ukraine", "Pyongyang"), NOW);
        assertEquals(ReasonCode.FORCED_REPATRIATION_RISK, code(risk));
        Decision unknown = CaseStateMachine.decide(intent, new TransferRequested("Ukraine", "Camp 7"), NOW);
        assertEquals(ReasonCode.UNRECOGNISED_DESTINATION, code(unknown));
        assertEquals(ReasonCode.FORCED_REPATRIATION_RISK, ReasonCodes.of(TransitionStatus.APPLIED, "x",
                List.of(Alert.UNRECOGNISED_DESTINATION, Alert.FORCED_REPATRIATION_RISK)));
        assertNull(code(CaseStateMachine.decide(intent, new DefectionIntentStated("Seoul", null, null), NOW)));
        assertNull(ReasonCodes.of(TransitionStatus.APPLIED, null, List.of()));
    }

    @Test
    void retractionsTheLedgerRefusesHaveTheirCodes() {
        assertEquals(ReasonCode.RETRACTION_UNKNOWN_EVENT, ReasonCodes.rejection(CaseLedger.RETRACT_UNKNOWN
                + UUID.randomUUID() + " in this case's timeline to retract"));
        assertEquals(ReasonCode.RETRACTION_NOT_RETRACTABLE, ReasonCodes.rejection(CaseLedger.RETRACT_RETRACTION));
        assertEquals(ReasonCode.RETRACTION_NOT_RETRACTABLE, ReasonCodes.rejection("event " + UUID.randomUUID()
                + CaseLedger.RETRACT_AGAIN + UUID.randomUUID()));
        assertEquals(ReasonCode.RETRACTION_NOT_RETRACTABLE, ReasonCodes.rejection("CASE_OPENED"
                + CaseLedger.RETRACT_TYPE + ", or revoke the share with CASE_UNSHARED"));
        assertEquals(ReasonCode.RETRACTION_NOT_PERMITTED, ReasonCodes.rejection(CaseLedger.RETRACT_NOT_PERMITTED));
    }

    private static ReasonCode code(Decision decision) {
        return ReasonCodes.of(decision.status(), decision.reason(), decision.alerts());
    }

    private static ReasonCode refusal(Set<String> granted, String by, org.homeward.events.CaseEventData data) {
        return ReasonCodes.rejection(AccessRules.refusal("owner", granted, by, data).orElseThrow());
    }
}
