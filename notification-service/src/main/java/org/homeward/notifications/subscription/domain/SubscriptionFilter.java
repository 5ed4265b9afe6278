package org.homeward.notifications.subscription.domain;

import java.util.Set;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;

/**
 * Which transitions a subscription wants: the one place the matching rule lives.
 *
 * <ul>
 * <li>Scope: the transition's case is one of {@code caseIds} and its category one of {@code categories} (an empty set
 * means any).</li>
 * <li>Interest: its event type is one of {@code eventTypes} (empty: any) and its urgency is at least
 * {@code minUrgency}.</li>
 * <li>Critical alerts always pass the interest filters: a transition that is {@link Urgency#CRITICAL} or carries a
 * forced-repatriation-risk or life-after-death alert reaches every subscription whose scope covers its case, whatever
 * event types or minimum urgency it names. The scope still applies: a subscription to one person is not told about
 * every other person.</li>
 * <li>Values this version does not know (the case service is newer: EventCodec reads them as null, and drops unknown
 * alerts) never make a transition fail or vanish: an unknown urgency counts as {@link Urgency#NORMAL}
 * ({@link #urgencyOf}); an unknown event type matches only subscriptions without {@code eventTypes}; an unknown
 * category only subscriptions without {@code categories}; an unknown alert is ignored.</li>
 * </ul>
 */
public record SubscriptionFilter(Set<UUID> caseIds, Set<Category> categories, Set<EventType> eventTypes,
        Urgency minUrgency) {

    /** The minimum urgency of a subscription that names none: notes (LOW) are left out. */
    public static final Urgency DEFAULT_MIN_URGENCY = Urgency.NORMAL;
    /** The urgency of a transition whose urgency this version does not know (or that names none). */
    public static final Urgency UNKNOWN_URGENCY = Urgency.NORMAL;

    public SubscriptionFilter {
        caseIds = Set.copyOf(caseIds);
        categories = Set.copyOf(categories);
        eventTypes = Set.copyOf(eventTypes);
        minUrgency = minUrgency == null ? DEFAULT_MIN_URGENCY : minUrgency;
    }

    public boolean matches(CaseTransition t) {
        boolean inScope = (caseIds.isEmpty() || caseIds.contains(t.caseId()))
                && (categories.isEmpty() || (t.category() != null && categories.contains(t.category())));
        if (!inScope) {
            return false;
        }
        if (critical(t)) {
            return true;
        }
        return (eventTypes.isEmpty() || (t.eventType() != null && eventTypes.contains(t.eventType())))
                && urgencyOf(t).atLeast(minUrgency);
    }

    /** A transition no advocate in scope may miss. */
    public static boolean critical(CaseTransition t) {
        return t.urgency() == Urgency.CRITICAL || t.alerts().stream().anyMatch(Alert::isCritical);
    }

    /** The urgency routing uses: the transition's, or {@link #UNKNOWN_URGENCY} for one this version does not know. */
    public static Urgency urgencyOf(CaseTransition t) {
        return t.urgency() == null ? UNKNOWN_URGENCY : t.urgency();
    }
}
