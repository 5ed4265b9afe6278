package org.homeward.intake.idempotency;

import java.util.UUID;

/** What an idempotency key was used for: the request's fingerprint and, for one event, the ids it was answered. */
public record StoredKey(String fingerprint, UUID caseId, UUID eventId) {
}
