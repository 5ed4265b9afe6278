package org.homeward.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record NoteAdded(@NotBlank @Size(max = Limits.TEXT) String text) implements CaseEventData {

    @Override
    public String toString() {
        return "NoteAdded[redacted]";
    }
}
