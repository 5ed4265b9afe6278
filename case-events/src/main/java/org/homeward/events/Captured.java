package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The person is held: {@code heldBy} is the holding party, e.g. "Ukraine". */
public record Captured(
        @NotBlank @CleanText @Size(max = Limits.PARTY) String heldBy,
        @CleanText @Size(max = Limits.PLACE) String location) implements CaseEventData {

    @Override
    public String toString() {
        return "Captured[heldBy=" + heldBy + "]";
    }
}
