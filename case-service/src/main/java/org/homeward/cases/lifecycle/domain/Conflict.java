package org.homeward.cases.lifecycle.domain;

import java.time.Instant;
import java.util.UUID;
import org.homeward.events.Alert;

/** A conflict flagged on a case: which alert, raised by which event, why, and when it was detected. */
public record Conflict(Alert kind, UUID eventId, String reason, Instant detectedAt) {
}
