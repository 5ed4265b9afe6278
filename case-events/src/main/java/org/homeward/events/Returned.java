package org.homeward.events;

import jakarta.validation.constraints.Size;

/** The person came home: escaped, released or repatriated. */
public record Returned(ReturnMode how, @Size(max = Limits.PARTY) String to) implements CaseEventData {
}
