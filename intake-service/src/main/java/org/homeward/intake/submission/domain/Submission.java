package org.homeward.intake.submission.domain;

import java.time.Instant;
import org.homeward.events.CaseEventData;
import org.homeward.events.EventCodec;

/** A partner's event after validation: the typed payload and its times ({@code receivedAt} may be null). */
public record Submission(CaseEventData data, Instant occurredAt, Instant receivedAt) {

    /** The validated content as sent: type, payload and the times the partner gave (not defaults intake fills in). */
    public String identity() {
        return data.type().name() + "|" + EventCodec.toJson(data) + "|" + occurredAt + "|" + receivedAt;
    }

    @Override
    public String toString() {
        return "Submission[type=" + data.type() + "]";
    }
}
