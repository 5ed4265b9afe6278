package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Takes back an earlier event of the same case, reported in error: the retracted event stays in the timeline, marked
 * RETRACTED with who retracted it, when and why, and the case is derived again as if it had never arrived. Allowed to
 * the organisation that reported the event and to the admins of the case's owner; a retraction cannot itself be
 * retracted, nor can an event be retracted twice.
 */
public record EventRetracted(
        @NotNull UUID eventId,
        @NotBlank @CleanText(freeText = true) @Size(max = Limits.REASON) String reason) implements CaseEventData {

    @Override
    public String toString() {
        return "EventRetracted[eventId=" + eventId + "]";
    }
}
