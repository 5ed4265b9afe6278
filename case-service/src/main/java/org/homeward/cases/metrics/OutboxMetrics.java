package org.homeward.cases.metrics;

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
 * The outbox as an operator watches it (/q/metrics): {@code homeward_outbox_depth}, the rows written and not yet
 * published, and {@code homeward_outbox_oldest_age_seconds}, how long the oldest of them has waited (0 when none
 * waits). The relay deletes a row once Kafka acknowledged it, so both stay near 0 while it keeps up; a growing age
 * means it is stuck (docs/operations.md). Read in one statement (the oldest row through the primary key; the count
 * over a table that holds only unpublished rows), at most every 5 s, within 2 s.
 */
@ApplicationScoped
public class OutboxMetrics {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry registry;

    private final CachedReading reading = new CachedReading(MAX_AGE, 2, this::read);

    void register(@Observes StartupEvent startup) {
        Gauge.builder("homeward.outbox.depth", reading, r -> r.get(0))
                .description("Outbox rows written and not yet published to Kafka")
                .register(registry);
        Gauge.builder("homeward.outbox.oldest.age", reading, r -> r.get(1)).baseUnit("seconds")
                .description("How long the oldest unpublished outbox row has waited; 0 when none waits")
                .register(registry);
    }

    private double[] read() throws Exception {
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement("select (select count(*) from outbox),"
                        + " coalesce(extract(epoch from now() - (select created_at from outbox order by id limit 1)),"
                        + " 0)")) {
            query.setQueryTimeout(2);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new double[] {rs.getLong(1), Math.max(0, rs.getDouble(2))};
            }
        }
    }
}
