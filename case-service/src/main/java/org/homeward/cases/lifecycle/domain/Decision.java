package org.homeward.cases.lifecycle.domain;

import java.util.List;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.TransitionStatus;

/**
 * What the state machine decided about one event: applied (maybe moving the state) or rejected with a reason, and the
 * alerts it raises, and the case's facts after it. {@code from} is null when the event opened the case or named a case
 * that does not exist; {@code after} is null when there is still no case.
 */
public record Decision(TransitionStatus status, CaseState from, CaseState to, String reason, List<Alert> alerts,
        CaseFacts after) {

    public Decision {
        alerts = List.copyOf(alerts);
    }

    /** The urgency advocates get (Derivation.Judgement#urgency). */
    public org.homeward.events.Urgency urgency(org.homeward.events.EventType type) {
        return Derivation.Judgement.urgency(type, status, alerts);
    }

    static Decision applied(CaseState from, CaseState to, List<Alert> alerts, String reason, CaseFacts after) {
        return new Decision(TransitionStatus.APPLIED, from, to, reason, alerts, after);
    }

    /** The event is kept but not applied: the case stays as it is ({@code facts}), for {@code reason}. */
    public static Decision rejected(CaseFacts facts, String reason) {
        return new Decision(TransitionStatus.REJECTED, facts.state(), facts.state(), reason,
                List.of(Alert.DATA_QUALITY), facts);
    }

    /** The same decision with one more alert; {@code why} joins the reason. */
    public Decision withAlert(Alert alert, String why) {
        java.util.List<Alert> more = new java.util.ArrayList<>(alerts);
        more.add(alert);
        return new Decision(status, from, to, reason == null ? why : reason + "; " + why, more, after);
    }

    public boolean isApplied() {
        return status == TransitionStatus.APPLIED;
    }

    public boolean changesState() {
        return isApplied() && from != to;
    }
}
