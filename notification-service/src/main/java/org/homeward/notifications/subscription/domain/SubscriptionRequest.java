package org.homeward.notifications.subscription.domain;

/**
 * A validated request to subscribe: the channel, its target (an https URL for a webhook, an address for e-mail,
 * none for the feed) and the filter.
 */
public record SubscriptionRequest(Channel channel, String target, SubscriptionFilter filter) {

    @Override
    public String toString() {
        return "SubscriptionRequest[channel=" + channel + "]";
    }
}
