package org.homeward.notifications.delivery.domain;

/** Fired in the transaction that created deliveries; observed after commit to wake the delivery engine at once. */
public record DeliveriesCreated(int count) {
}
