package org.homeward.cases.lifecycle.domain;

import java.util.List;
import org.homeward.events.Alert;
import org.homeward.events.ReasonCode;
import org.homeward.events.TransitionStatus;

/**
 * The code a transition carries on {@code case-transitions} instead of its reason: the reason itself (kept in the
 * timeline, sealed) may quote a stated destination, where a movement went or a date of death, and nothing a partner
 * wrote may reach the topic. A rejection's code says which rule refused it; otherwise the code names the most urgent
 * alert raised (its event ids and texts are on the case, behind the API).
 */
public final class ReasonCodes {

    /** The alerts in the order their code is chosen: the critical ones first. */
    private static final List<Alert> BY_PRIORITY = List.of(Alert.FORCED_REPATRIATION_RISK, Alert.LIFE_AFTER_DEATH,
            Alert.CASE_ON_HOLD, Alert.UNRECOGNISED_DESTINATION, Alert.POSSIBLE_DUPLICATE,
            Alert.POSSIBLE_DUPLICATE_ELSEWHERE);

    private ReasonCodes() {
    }

    /** The code of a judgement: status, reason (as the rules wrote it) and alerts; null when there is nothing to say. */
    public static ReasonCode of(TransitionStatus status, String reason, List<Alert> alerts) {
        if (status == TransitionStatus.REJECTED) {
            return rejection(reason);
        }
        for (Alert alert : BY_PRIORITY) {
            if (alerts.contains(alert)) {
                return ReasonCode.valueOf(alert.name());
            }
        }
        return null;
    }

    /**
     * Which rule refused an event, from the reason the rules wrote (CaseStateMachine, AccessRules, the retraction's
     * checks in CaseLedger); {@link ReasonCode#REJECTED_OTHER} for a reason none of them writes.
     */
    static ReasonCode rejection(String reason) {
        if (reason == null) {
            return ReasonCode.REJECTED_OTHER;
        }
        if (reason.contains(" is not legal in state ")) {
            return ReasonCode.NOT_LEGAL_IN_STATE;
        }
        if (reason.startsWith(CaseStateMachine.NO_SUCH_CASE)) {
            return ReasonCode.NO_SUCH_CASE;
        }
        if (reason.startsWith(CaseStateMachine.ALREADY_OPEN)) {
            return ReasonCode.ALREADY_OPEN;
        }
        if (reason.startsWith(org.homeward.cases.access.domain.AccessRules.NO_ACCESS)) {
            return ReasonCode.REJECTED_NO_ACCESS;
        }
        if (reason.startsWith(org.homeward.cases.access.domain.AccessRules.NOT_OWNER)) {
            return ReasonCode.REJECTED_NOT_OWNER;
        }
        if (reason.startsWith(org.homeward.cases.access.domain.AccessRules.SHARE_WITH_OWNER)
                || reason.startsWith(org.homeward.cases.access.domain.AccessRules.UNSHARE_OWNER)) {
            return ReasonCode.REJECTED_OWNER_ACCESS;
        }
        if (reason.endsWith(org.homeward.cases.access.domain.AccessRules.NOTHING_TO_REVOKE)) {
            return ReasonCode.REJECTED_NOTHING_TO_REVOKE;
        }
        if (reason.startsWith(CaseLedger.RETRACT_UNKNOWN)) {
            return ReasonCode.RETRACTION_UNKNOWN_EVENT;
        }
        if (reason.startsWith(CaseLedger.RETRACT_NOT_PERMITTED)) {
            return ReasonCode.RETRACTION_NOT_PERMITTED;
        }
        if (reason.startsWith(CaseLedger.RETRACT_RETRACTION) || reason.contains(CaseLedger.RETRACT_AGAIN)
                || reason.contains(CaseLedger.RETRACT_TYPE)) {
            return ReasonCode.RETRACTION_NOT_RETRACTABLE;
        }
        return ReasonCode.REJECTED_OTHER;
    }
}
