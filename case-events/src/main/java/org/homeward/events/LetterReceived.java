package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A letter from or about the person reached a partner. Timeline only; contents never logged. */
public record LetterReceived(
        @CleanText @Size(max = Limits.NAME) String writer,
        @CleanText @Size(max = Limits.PARTY) String via,
        @PastOrPresent LocalDate writtenOn,
        @NotNull @PastOrPresent LocalDate receivedOn,
        @CleanText @Size(max = Limits.LANGUAGE) String language,
        @CleanText(freeText = true) @Size(max = Limits.TEXT) String summary,
        @CleanText @Size(max = Limits.REFERENCE) String documentRef) implements CaseEventData {

    @Override
    public String toString() {
        return "LetterReceived[redacted]";
    }
}
