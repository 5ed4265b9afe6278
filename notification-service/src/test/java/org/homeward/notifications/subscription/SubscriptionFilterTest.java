package org.homeward.notifications.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.subscription.domain.SubscriptionFilter;
import org.homeward.notifications.support.Transitions;
import org.junit.jupiter.api.Test;

/** The matching rule: scope, interest, and critical alerts that always pass the interest filters. */
class SubscriptionFilterTest {

    private final UUID followed = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void emptyFiltersMeanAnyAndTheDefaultMinimumLeavesOutNotes() {
        SubscriptionFilter everything = new SubscriptionFilter(Set.of(), Set.of(), Set.of(), null);
        assertEquals(Urgency.NORMAL, everything.minUrgency());
        assertTrue(everything.matches(Transitions.of(other, EventType.LETTER_RECEIVED, Urgency.NORMAL)));
        assertFalse(everything.matches(Transitions.of(other, EventType.NOTE_ADDED, Urgency.LOW)));
    }

    @Test
    void caseCategoryEventTypeAndUrgencyAllNarrow() {
        SubscriptionFilter filter = new SubscriptionFilter(Set.of(followed), Set.of(Category.NORTH_KOREAN_POW),
                Set.of(EventType.TRANSFERRED, EventType.DEFECTION_INTENT_STATED), Urgency.HIGH);
        assertTrue(filter.matches(Transitions.of(followed, EventType.TRANSFERRED, Urgency.HIGH)));
        assertFalse(filter.matches(Transitions.of(other, EventType.TRANSFERRED, Urgency.HIGH)), "another case");
        assertFalse(filter.matches(Transitions.of(followed, Category.DEFECTOR, EventType.TRANSFERRED, Urgency.HIGH,
                null)), "another category");
        assertFalse(filter.matches(Transitions.of(followed, EventType.CAPTURED, Urgency.HIGH)), "another type");
        assertFalse(filter.matches(Transitions.of(followed, EventType.TRANSFERRED, Urgency.NORMAL)), "less urgent");
    }

    @Test
    void criticalAlertsPassEventTypeAndUrgencyButNotTheScope() {
        SubscriptionFilter notesOnly = new SubscriptionFilter(Set.of(followed), Set.of(),
                Set.of(EventType.NOTE_ADDED), Urgency.CRITICAL);
        assertTrue(notesOnly.matches(Transitions.of(followed, EventType.TRANSFERRED, Urgency.CRITICAL,
                Alert.FORCED_REPATRIATION_RISK)));
        assertTrue(notesOnly.matches(Transitions.of(followed, EventType.PROOF_OF_LIFE, Urgency.NORMAL,
                Alert.LIFE_AFTER_DEATH)), "the alert makes it critical whatever the urgency says");
        assertFalse(notesOnly.matches(Transitions.of(other, EventType.TRANSFERRED, Urgency.CRITICAL,
                Alert.FORCED_REPATRIATION_RISK)), "a subscription to one person is not told about another");
        assertFalse(notesOnly.matches(Transitions.of(followed, EventType.RESETTLED, Urgency.NORMAL,
                Alert.DATA_QUALITY)), "a data-quality alert is not critical");
    }

    @Test
    void valuesThisVersionDoesNotKnowNeverDropATransition() {
        // EventCodec reads an event type or urgency this version does not know as null.
        SubscriptionFilter any = new SubscriptionFilter(Set.of(), Set.of(), Set.of(), null);
        SubscriptionFilter transfers = new SubscriptionFilter(Set.of(), Set.of(), Set.of(EventType.TRANSFERRED),
                Urgency.LOW);
        SubscriptionFilter high = new SubscriptionFilter(Set.of(), Set.of(), Set.of(), Urgency.HIGH);

        CaseTransition unknownUrgency = Transitions.of(other, EventType.TRANSFERRED, null);
        assertEquals(Urgency.NORMAL, SubscriptionFilter.urgencyOf(unknownUrgency));
        assertTrue(any.matches(unknownUrgency), "an unknown urgency counts as NORMAL");
        assertTrue(transfers.matches(unknownUrgency));
        assertFalse(high.matches(unknownUrgency));

        CaseTransition unknownType = Transitions.of(other, (EventType) null, Urgency.HIGH);
        assertTrue(any.matches(unknownType));
        assertTrue(high.matches(unknownType));
        assertFalse(transfers.matches(unknownType), "only subscriptions without an event-type filter");

        assertTrue(transfers.matches(Transitions.of(other, (EventType) null, null, Alert.LIFE_AFTER_DEATH)),
                "a critical alert passes the interest filters whatever else is unknown");
    }

    @Test
    void anUnrecognisedDestinationIsHighButNotCritical() {
        CaseTransition t = Transitions.of(followed, EventType.TRANSFER_REQUESTED, Urgency.HIGH,
                Alert.UNRECOGNISED_DESTINATION);
        assertFalse(SubscriptionFilter.critical(t));
        assertTrue(new SubscriptionFilter(Set.of(followed), Set.of(), Set.of(), Urgency.HIGH).matches(t));
        assertFalse(new SubscriptionFilter(Set.of(followed), Set.of(), Set.of(), Urgency.CRITICAL).matches(t));
    }

    @Test
    void aTransitionWithoutCategoryMatchesOnlySubscriptionsWithoutCategoryFilter() {
        SubscriptionFilter byCategory = new SubscriptionFilter(Set.of(), Set.of(Category.DEFECTOR), Set.of(), null);
        assertFalse(byCategory.matches(Transitions.of(other, null, EventType.CAPTURED, Urgency.HIGH, null)));
        assertTrue(new SubscriptionFilter(Set.of(), Set.of(), Set.of(), null)
                .matches(Transitions.of(other, null, EventType.CAPTURED, Urgency.HIGH, null)));
    }
}
