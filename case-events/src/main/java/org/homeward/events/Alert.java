package org.homeward.events;

/** Conditions the case service flags on a transition for advocates. */
public enum Alert {
    /** TRANSFERRED to the party the person stated intent to leave, or to their origin after stating intent. */
    FORCED_REPATRIATION_RISK,
    /** Proof of life, a letter written after the reported death, or family contact after DEATH_REPORTED. */
    LIFE_AFTER_DEATH,
    /** An event that was not legal in the case's state; kept and marked rejected. */
    DATA_QUALITY,
    /**
     * A case was opened for someone who may already have a case: the same name (in any spelling) and a birth year at
     * most one year apart. The case is opened all the same; its {@code possibleDuplicates} lists the others.
     */
    POSSIBLE_DUPLICATE
}
