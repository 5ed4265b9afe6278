package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The owning organisation revokes the access {@link CaseShared} granted. From this event on the other organisation sees
 * nothing of the case (it answers 404 there, as if it did not exist) and is no longer notified. Only an admin of the
 * owning organisation may send it.
 */
public record CaseUnshared(
        @NotBlank @Size(max = Limits.ORGANISATION) @Pattern(regexp = Limits.ORGANISATION_PATTERN,
                message = "must be an organisation id: letters, digits, '.', '_', ':' or '-'") String organisation,
        @CleanText(freeText = true) @Size(max = Limits.REASON) String reason) implements CaseEventData {

    @Override
    public String toString() {
        return "CaseUnshared[organisation=" + organisation + "]";
    }
}
