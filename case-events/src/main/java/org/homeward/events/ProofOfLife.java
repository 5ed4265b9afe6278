package org.homeward.events;

import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

public record ProofOfLife(
        @Size(max = Limits.PARTY) String source,
        @PastOrPresent LocalDate observedOn) implements CaseEventData {
}
