package org.homeward.events;

import org.homeward.events.validation.CleanText;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

/** Contact with family: a video reunion, a reunion, mail or a call. {@code with} names who (personal data). */
public record FamilyContact(
        ContactKind kind,
        @JsonProperty("with") @CleanText @Size(max = Limits.NAME) String with) implements CaseEventData {

    @Override
    public String toString() {
        return "FamilyContact[kind=" + kind + "]";
    }
}
