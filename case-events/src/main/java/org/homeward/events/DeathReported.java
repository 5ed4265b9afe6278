package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

public record DeathReported(
        @CleanText @Size(max = Limits.PARTY) String source,
        @PastOrPresent LocalDate dateOfDeath) implements CaseEventData {
}
