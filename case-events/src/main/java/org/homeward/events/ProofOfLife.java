package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

public record ProofOfLife(
        @CleanText @Size(max = Limits.PARTY) String source,
        @PastOrPresent LocalDate observedOn) implements CaseEventData {
}
