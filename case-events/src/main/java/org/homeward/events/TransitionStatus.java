package org.homeward.events;

/** What the case service did with an event. */
public enum TransitionStatus {
    /** Legal in the case's state: applied (the state may or may not change). */
    APPLIED,
    /** Not legal in the case's state: kept in the timeline, marked rejected with a reason. */
    REJECTED,
    /** Taken back by a later EVENT_RETRACTED: kept in the timeline, left out of the case's derivation. */
    RETRACTED,
    /**
     * Could not be applied for good: the case is on hold. This event and the case's later ones wait, in order, until
     * an operator releases the case; each then announces its own transition.
     */
    HELD
}
