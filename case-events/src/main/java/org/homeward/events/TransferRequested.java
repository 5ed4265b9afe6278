package org.homeward.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record TransferRequested(
        @Size(max = Limits.PARTY) String requestedBy,
        @NotBlank @Size(max = Limits.PARTY) String to) implements CaseEventData {
}
