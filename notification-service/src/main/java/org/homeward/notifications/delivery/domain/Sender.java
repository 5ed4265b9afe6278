package org.homeward.notifications.delivery.domain;

import java.util.concurrent.CompletableFuture;

/** Makes one attempt on one channel without blocking the caller; the future never completes exceptionally. */
public interface Sender {

    CompletableFuture<AttemptResult> send(ClaimedDelivery delivery);
}
