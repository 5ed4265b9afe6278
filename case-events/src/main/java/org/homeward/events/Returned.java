package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.Size;

/** The person came home: escaped, released or repatriated. */
public record Returned(ReturnMode how, @CleanText @Size(max = Limits.PARTY) String to) implements CaseEventData {
}
