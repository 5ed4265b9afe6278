package org.homeward.events;

import java.util.UUID;

/**
 * A well-formed event of a type this reader does not know (a newer contract published before this reader was
 * upgraded). Unlike other malformed records it belongs to a case, so a reader can keep it for that case instead of
 * dead-lettering it.
 */
public class UnknownEventTypeException extends MalformedEventException {

    private final UUID eventId;
    private final UUID caseId;
    private final String type;

    public UnknownEventTypeException(UUID eventId, UUID caseId, String type) {
        super("unknown case event type " + type);
        this.eventId = eventId;
        this.caseId = caseId;
        this.type = type;
    }

    public UUID eventId() {
        return eventId;
    }

    public UUID caseId() {
        return caseId;
    }

    /** The CloudEvents type attribute as it was read, at most 200 characters. */
    public String type() {
        return type;
    }
}
