package org.homeward.notifications.delivery.domain;

import java.util.UUID;
import org.homeward.notifications.subscription.domain.Channel;

/** A delivery a worker leased: everything needed to make one attempt. */
public record ClaimedDelivery(UUID id, UUID notificationId, UUID subscriptionId, Channel channel, String target,
        String secret, String payload, int attempts, int seriesAttempts, UUID claimToken) {

    @Override
    public String toString() {
        return "ClaimedDelivery[id=" + id + ", subscription=" + subscriptionId + ", channel=" + channel + "]";
    }
}
