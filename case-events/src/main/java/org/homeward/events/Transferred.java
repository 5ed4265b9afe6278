package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The person left custody: {@code from} the holding party {@code to} another party or place. */
public record Transferred(
        @CleanText @Size(max = Limits.PARTY) String from,
        @NotBlank @CleanText @Size(max = Limits.PARTY) String to) implements CaseEventData {
}
