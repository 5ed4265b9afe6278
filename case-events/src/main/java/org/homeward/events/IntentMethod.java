package org.homeward.events;

/** How a person stated an intent to defect. */
public enum IntentMethod {
    LETTER,
    INTERVIEW,
    IN_PERSON,
    INTERMEDIARY
}
