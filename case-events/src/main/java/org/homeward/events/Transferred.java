package org.homeward.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The person left custody: {@code from} the holding party {@code to} another party or place. */
public record Transferred(
        @Size(max = Limits.PARTY) String from,
        @NotBlank @Size(max = Limits.PARTY) String to) implements CaseEventData {
}
