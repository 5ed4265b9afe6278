package org.homeward.events;

/**
 * Why a case was erased: a code, never free text, so the erasure event itself carries no personal data.
 */
public enum ErasureReason {
    /** The person, or the family acting for them, withdrew consent. */
    CONSENT_WITHDRAWN,
    /** A court or a data-protection authority ordered it. */
    LEGAL_ORDER,
    /** Keeping the record endangers the person or their family. */
    SAFETY,
    /** The case was opened in error (a test, the wrong person). */
    OPENED_IN_ERROR
}
