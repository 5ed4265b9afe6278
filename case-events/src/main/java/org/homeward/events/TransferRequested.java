package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record TransferRequested(
        @CleanText @Size(max = Limits.PARTY) String requestedBy,
        @NotBlank @CleanText @Size(max = Limits.PARTY) String to) implements CaseEventData {
}
