package org.homeward.events;

/** How urgently advocates must hear about a transition, lowest first. */
public enum Urgency {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL;

    public boolean atLeast(Urgency minimum) {
        return compareTo(minimum) >= 0;
    }
}
