package org.homeward.notifications.delivery.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.homeward.notifications.feed.domain.FeedHub;

/** Ready when the delivery engine claims (or is switched off) and the live feed listens. */
@Readiness
@ApplicationScoped
public class DeliveryHealth implements HealthCheck {

    @Inject
    DeliveryEngine engine;

    @Inject
    FeedHub hub;

    @ConfigProperty(name = "homeward.delivery.enabled", defaultValue = "true")
    boolean enabled;

    @Override
    public HealthCheckResponse call() {
        boolean claiming = !enabled || (engine.running()
                && Duration.between(engine.lastPass(), Instant.now()).compareTo(Duration.ofSeconds(60)) < 0);
        return HealthCheckResponse.named("Notification delivery and live feed")
                .status(claiming && hub.listening())
                .withData("deliveryEngine", enabled ? (claiming ? "claiming" : "stalled") : "disabled")
                .withData("liveFeed", hub.listening() ? "listening" : "not listening")
                .build();
    }
}
