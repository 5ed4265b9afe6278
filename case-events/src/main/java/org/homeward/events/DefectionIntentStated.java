package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The person stated where they want to go; {@code evidenceEventId} points at e.g. the letter event. */
public record DefectionIntentStated(
        @NotBlank @CleanText @Size(max = Limits.PARTY) String destination,
        IntentMethod method,
        UUID evidenceEventId) implements CaseEventData {
}
