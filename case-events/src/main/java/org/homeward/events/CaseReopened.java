package org.homeward.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CaseReopened(@NotBlank @Size(max = Limits.REASON) String reason) implements CaseEventData {

    @Override
    public String toString() {
        return "CaseReopened[redacted]";
    }
}
