package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CaseReopened(@NotBlank @CleanText(freeText = true) @Size(max = Limits.REASON) String reason) implements CaseEventData {

    @Override
    public String toString() {
        return "CaseReopened[redacted]";
    }
}
