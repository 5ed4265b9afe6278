package org.homeward.notifications.delivery.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.homeward.notifications.feed.domain.FeedHub;

/**
 * Ready when the live feed listens. The delivery engine reports through its background loops
 * ({@code background loop delivery-dispatcher}, {@code background loop delivery-recorder}); this check says whether it
 * is switched on.
 */
@Readiness
@ApplicationScoped
public class DeliveryHealth implements HealthCheck {

    @Inject
    DeliveryEngine engine;

    @Inject
    FeedHub hub;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Notification live feed")
                .status(hub.listening())
                .withData("liveFeed", hub.listening() ? "listening" : "not listening")
                .withData("deliveryEngine", engine.running() ? "running" : "off or stopped")
                .build();
    }
}
