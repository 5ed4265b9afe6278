package org.homeward.events;

import java.util.UUID;

/**
 * A record of {@code case-events} whose data is sealed under a case key that was destroyed: its case was erased, and
 * nothing of the person in it can be read any more. Readers pass over it (it is not a fault, and there is nothing to
 * keep or dead-letter); the case's {@code CASE_ERASED}, which is never sealed, says what became of the case.
 */
public class ErasedEventException extends MalformedEventException {

    private final UUID caseId;

    public ErasedEventException(UUID caseId) {
        super("the case's key was destroyed: the case was erased");
        this.caseId = caseId;
    }

    public UUID caseId() {
        return caseId;
    }
}
