package org.homeward.notifications.advocate;

/**
 * The advocate a subscription, a feed and deliveries belong to: a user at an organisation. One advocate never sees
 * another's subscriptions, notifications or deliveries.
 */
public record Advocate(String organisation, String user) {
}
