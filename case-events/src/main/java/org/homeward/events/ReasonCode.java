package org.homeward.events;

/**
 * Why a transition is what it is, as a code: the {@code reason} of {@code case-transitions}. A code and never a text,
 * so that nothing a partner wrote (a stated destination, a place, a date of death, an organisation's note) reaches the
 * topic or the notifications built from it. The case service's own API shows the full reason to the readers of the
 * case. A reader that does not know a code reads it as absent (EventCodec).
 */
public enum ReasonCode {
    /** Rejected: the event is not legal in the state where it falls. */
    NOT_LEGAL_IN_STATE,
    /** Rejected: no case with this id has been opened. */
    NO_SUCH_CASE,
    /** Rejected: a CASE_OPENED for a case that is already open. */
    ALREADY_OPEN,
    /** Rejected: the reporting organisation has no access to the case. */
    REJECTED_NO_ACCESS,
    /** Rejected: a share or unshare from an organisation that does not own the case. */
    REJECTED_NOT_OWNER,
    /** Rejected: a share with the case's owner, or an unshare of it. */
    REJECTED_OWNER_ACCESS,
    /** Rejected: an unshare of an organisation that has no access to revoke. */
    REJECTED_NOTHING_TO_REVOKE,
    /** Rejected: a retraction of an event this case does not have. */
    RETRACTION_UNKNOWN_EVENT,
    /** Rejected: a retraction of a retraction, of an event already retracted, or of a type that cannot be retracted. */
    RETRACTION_NOT_RETRACTABLE,
    /** Rejected: a retraction by an organisation that neither reported the event nor owns the case. */
    RETRACTION_NOT_PERMITTED,
    /** Rejected for a reason this code list does not name (see the case's timeline). */
    REJECTED_OTHER,
    /** After a stated intent, a movement towards the party the person is fleeing (alert FORCED_REPATRIATION_RISK). */
    FORCED_REPATRIATION_RISK,
    /** After a stated intent, a movement names a party nobody recognises (alert UNRECOGNISED_DESTINATION). */
    UNRECOGNISED_DESTINATION,
    /** Evidence of life dated after a reported date of death (alert LIFE_AFTER_DEATH). */
    LIFE_AFTER_DEATH,
    /** The opening may be a person who already has a case (alert POSSIBLE_DUPLICATE). */
    POSSIBLE_DUPLICATE,
    /** Another organisation opened a case that may be the same person (alert POSSIBLE_DUPLICATE_ELSEWHERE). */
    POSSIBLE_DUPLICATE_ELSEWHERE,
    /** An event of the case could not be applied; the case is on hold (alert CASE_ON_HOLD). */
    CASE_ON_HOLD,
    /** The case was derived again under new rules after an upgrade (no event arrived). */
    DERIVED_AGAIN
}
