package org.homeward.notifications.delivery.domain;

import java.util.UUID;
import org.homeward.notifications.subscription.domain.Channel;

/**
 * A delivery a worker leased: everything needed to make one attempt. {@code traceparent} is the W3C trace context the
 * attempt continues (the routing's, as stored; the attempt's own when handed to a {@link Sender}); null for none.
 */
public record ClaimedDelivery(UUID id, UUID notificationId, UUID subscriptionId, Channel channel, String target,
        String secret, String payload, int attempts, int seriesAttempts, UUID claimToken, String traceparent) {

    /** The same delivery, sent in the trace context {@code attempt} (the attempt's span). */
    public ClaimedDelivery inTrace(String attempt) {
        return new ClaimedDelivery(id, notificationId, subscriptionId, channel, target, secret, payload, attempts,
                seriesAttempts, claimToken, attempt);
    }

    @Override
    public String toString() {
        return "ClaimedDelivery[id=" + id + ", subscription=" + subscriptionId + ", channel=" + channel + "]";
    }
}
