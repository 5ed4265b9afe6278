package org.homeward.notifications.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * The webhook and e-mail deliveries as an operator watches them (/q/metrics), read from the deliveries table of all
 * replicas at most every 5 s, within 2 s (NaN while the database does not answer):
 * <ul>
 * <li>{@code homeward_deliveries_due}: pending deliveries whose next attempt is due now and that no replica has
 * claimed; a backlog that grows means the engine does not keep up or has stopped;</li>
 * <li>{@code homeward_deliveries_failing}: pending deliveries whose last attempt failed and that wait for a retry;</li>
 * <li>{@code homeward_deliveries_dead}: deliveries given up (dead-lettered), until an advocate replays them.</li>
 * </ul>
 * The pending rows are read through the partial index on pending deliveries, the dead ones through
 * {@code deliveries_status}.
 */
@ApplicationScoped
public class DeliveryMetrics {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry registry;

    private final CachedReading reading = new CachedReading(MAX_AGE, 3, this::read);

    void register(@Observes StartupEvent startup) {
        Gauge.builder("homeward.deliveries.due", reading, r -> r.get(0))
                .description("Pending deliveries whose next attempt is due and not yet claimed by a replica")
                .register(registry);
        Gauge.builder("homeward.deliveries.failing", reading, r -> r.get(1))
                .description("Pending deliveries whose last attempt failed, waiting for a retry")
                .register(registry);
        Gauge.builder("homeward.deliveries.dead", reading, r -> r.get(2))
                .description("Deliveries given up (dead-lettered) and not replayed")
                .register(registry);
    }

    private double[] read() throws Exception {
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement("select count(*) filter (where next_attempt_at <= now()),"
                        + " count(*) filter (where series_attempts > 0),"
                        + " (select count(*) from deliveries where status = 'DEAD')"
                        + " from deliveries where status = 'PENDING'")) {
            query.setQueryTimeout(2);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new double[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }
}
