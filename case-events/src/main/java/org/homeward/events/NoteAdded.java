package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record NoteAdded(@NotBlank @CleanText(freeText = true) @Size(max = Limits.TEXT) String text) implements CaseEventData {

    @Override
    public String toString() {
        return "NoteAdded[redacted]";
    }
}
