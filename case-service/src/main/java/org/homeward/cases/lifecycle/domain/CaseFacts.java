package org.homeward.cases.lifecycle.domain;

import java.time.LocalDate;
import org.homeward.events.CaseState;
import org.homeward.events.Category;

/**
 * What the state machine needs to know about a case to judge the next event: its state, the state it was closed
 * from, the destination the person stated, and the reported death.
 */
public record CaseFacts(
        CaseState state,
        CaseState stateBeforeClose,
        Category category,
        String statedDestination,
        LocalDate dateOfDeath,
        LocalDate deathReportedOn) {

    public CaseFacts {
        if (state == null || category == null) {
            throw new IllegalArgumentException("a case has a state and a category");
        }
    }

    @Override
    public String toString() {
        return "CaseFacts[state=" + state + ", category=" + category + "]";
    }
}
