package org.homeward.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The payload of one case event: the fields a partner reports besides {@code type} and {@code occurredAt}.
 * One record per {@link EventType}; the envelope ({@link CloudEvent}) carries ids and times.
 */
public sealed interface CaseEventData
        permits CaseOpened, Captured, LetterReceived, DefectionIntentStated, TransferRequested, Transferred,
        Resettled, Returned, DeathReported, ProofOfLife, FamilyContact, NoteAdded, CaseClosed, CaseReopened,
        CaseShared, CaseUnshared, EventRetracted, CaseErased {

    @JsonIgnore
    default EventType type() {
        return EventType.of(getClass());
    }
}
