package org.homeward.events;

/** The states of a person's case. The state machine that moves between them lives in case-service. */
public enum CaseState {
    REPORTED,
    IN_CUSTODY,
    INTENT_STATED,
    TRANSFER_PENDING,
    TRANSFERRED,
    RESETTLED,
    RETURNED,
    DECEASED,
    CLOSED;

    /** RESETTLED, RETURNED, DECEASED and CLOSED end a case; only CASE_REOPENED leaves CLOSED. */
    public boolean isTerminal() {
        return this == RESETTLED || this == RETURNED || this == DECEASED || this == CLOSED;
    }
}
