package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.Size;

public record Resettled(@CleanText @Size(max = Limits.PLACE) String place) implements CaseEventData {

    @Override
    public String toString() {
        return "Resettled[redacted]";
    }
}
