package org.homeward.events;

import jakarta.validation.constraints.Size;

public record Resettled(@Size(max = Limits.PLACE) String place) implements CaseEventData {

    @Override
    public String toString() {
        return "Resettled[redacted]";
    }
}
