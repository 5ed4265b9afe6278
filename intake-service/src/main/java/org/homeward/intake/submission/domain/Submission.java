package org.homeward.intake.submission.domain;

import java.time.Instant;
import org.homeward.events.CaseEventData;

/** A partner's event after validation: the typed payload and its times ({@code receivedAt} may be null). */
public record Submission(CaseEventData data, Instant occurredAt, Instant receivedAt) {

    @Override
    public String toString() {
        return "Submission[type=" + data.type() + "]";
    }
}
