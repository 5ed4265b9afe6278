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
     * most one year apart. The case is opened all the same; its {@code possibleDuplicates} lists the others. It counts
     * only the cases the opener's organisation may see.
     */
    POSSIBLE_DUPLICATE,
    /**
     * Addressed to the owner of an existing case alone: another organisation, which may not see this case, opened a
     * case that may be the same person. {@code reportedBy} names that organisation and nothing else of its case is
     * said; the owner may share this case with it. Announced on the existing case (no event id, no event type).
     */
    POSSIBLE_DUPLICATE_ELSEWHERE,
    /**
     * After a stated intent, a movement (TRANSFER_REQUESTED, TRANSFERRED, RETURNED) names a party the gazetteer does
     * not know: a person must check whether it is the party the person is fleeing. The reason names the field.
     */
    UNRECOGNISED_DESTINATION,
    /**
     * An event of the case could not be applied for good (a fault, or a type this version does not know): the case
     * is on hold, its later events wait in order, and an operator releases it after a fix. The reason says why,
     * without personal data.
     */
    CASE_ON_HOLD;

    /** The alerts no advocate of an organisation that may see the case may miss. */
    public boolean isCritical() {
        return this == FORCED_REPATRIATION_RISK || this == LIFE_AFTER_DEATH || this == CASE_ON_HOLD;
    }
}
