package org.homeward.notifications.subscription.domain;

/** How an advocate hears about a notification. */
public enum Channel {
    /** A signed HTTP POST to the advocate's URL (Standard Webhooks). */
    WEBHOOK,
    /** A short e-mail with the link to the case. */
    EMAIL,
    /** The in-app feed and its live stream. */
    FEED;

    /** Channels whose notifications are delivered by the delivery engine (the feed is read, not delivered). */
    public boolean delivered() {
        return this != FEED;
    }
}
