package org.homeward.events;

import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

public record DeathReported(
        @Size(max = Limits.PARTY) String source,
        @PastOrPresent LocalDate dateOfDeath) implements CaseEventData {
}
