package org.homeward.cases.lifecycle.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.DeathReported;
import org.homeward.events.EventType;
import org.homeward.events.FamilyContact;
import org.homeward.events.LetterReceived;
import org.homeward.events.ProofOfLife;

/**
 * A dated claim about whether the person is alive: a death report, or evidence of life (a proof of life, a family
 * contact, a letter). Claims are kept side by side, never overwritten; {@link Vitals} weighs them.
 *
 * @param source who says so: the death report's or proof's source, the letter's carrier (or writer), the kind of
 *               family contact
 * @param date   the day the claim is about: the date of death, the day the person was observed, the day the letter was
 *               written; the event's own day when the payload has none
 */
public record VitalClaim(UUID eventId, EventType type, String source, String reportedBy, LocalDate date) {

    /** The claim an event makes, if it makes one. */
    public static Optional<VitalClaim> of(UUID eventId, CaseEventData data, Instant occurredAt, String reportedBy) {
        LocalDate day = LocalDate.ofInstant(occurredAt, ZoneOffset.UTC);
        VitalClaim claim = null;
        if (data instanceof DeathReported death) {
            claim = new VitalClaim(eventId, data.type(), death.source(), reportedBy, or(death.dateOfDeath(), day));
        } else if (data instanceof ProofOfLife proof) {
            claim = new VitalClaim(eventId, data.type(), proof.source(), reportedBy, or(proof.observedOn(), day));
        } else if (data instanceof LetterReceived letter) {
            claim = new VitalClaim(eventId, data.type(), letter.via() != null ? letter.via() : letter.writer(),
                    reportedBy, or(letter.writtenOn(), day));
        } else if (data instanceof FamilyContact contact) {
            claim = new VitalClaim(eventId, data.type(), contact.kind() == null ? null : contact.kind().name(),
                    reportedBy, day);
        }
        return Optional.ofNullable(claim);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDeath() {
        return type == EventType.DEATH_REPORTED;
    }

    private static LocalDate or(LocalDate value, LocalDate fallback) {
        return value != null ? value : fallback;
    }

    @Override
    public String toString() {
        return "VitalClaim[eventId=" + eventId + ", type=" + type + "]";
    }
}
