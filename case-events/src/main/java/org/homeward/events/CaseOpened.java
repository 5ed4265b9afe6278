package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Opens a case for a new person. {@code placeTaken} and {@code dateTaken}: where and when the person was taken or crossed. */
public record CaseOpened(
        @NotNull Category category,
        @NotNull @Valid Person person,
        @CleanText @Size(max = Limits.PLACE) String placeTaken,
        @PastOrPresent LocalDate dateTaken) implements CaseEventData {

    @Override
    public String toString() {
        return "CaseOpened[category=" + category + "]";
    }
}
