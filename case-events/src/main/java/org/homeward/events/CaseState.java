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
    CLOSED,
    /** Erased by its owner (CASE_ERASED): the case's key is destroyed; nothing leaves this state. */
    ERASED;

    /**
     * RESETTLED, RETURNED, DECEASED, CLOSED and ERASED end a case; only CASE_REOPENED leaves CLOSED, nothing leaves
     * ERASED.
     */
    public boolean isTerminal() {
        return this == RESETTLED || this == RETURNED || this == DECEASED || this == CLOSED || this == ERASED;
    }
}
