package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The owning organisation grants another organisation access to the case: how a case is referred. From this event on
 * the other organisation's caseworkers see the case and its timeline, its reporters may add events, and its advocates
 * are notified. Only an admin of the owning organisation may send it.
 */
public record CaseShared(
        @NotBlank @Size(max = Limits.ORGANISATION) @Pattern(regexp = Limits.ORGANISATION_PATTERN,
                message = "must be an organisation id: letters, digits, '.', '_', ':' or '-'") String organisation,
        @CleanText(freeText = true) @Size(max = Limits.REASON) String reason) implements CaseEventData {

    @Override
    public String toString() {
        return "CaseShared[organisation=" + organisation + "]";
    }
}
