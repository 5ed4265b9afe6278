package org.homeward.events;

import jakarta.validation.constraints.NotNull;

/**
 * The case's owner erased it: the case service destroys the case's key, so nothing of the person it sealed can be
 * opened again, and the case ends in {@link CaseState#ERASED}. The payload is a reason code only: no personal data.
 */
public record CaseErased(@NotNull ErasureReason reason) implements CaseEventData {
}
