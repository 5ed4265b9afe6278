package org.homeward.notifications.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.homeward.events.Alert;

/**
 * Alerts as an operator watches them (/q/metrics):
 * <ul>
 * <li>{@code homeward_alerts_raised_total{kind}}: the alerts the routed transitions carried, by kind (the contract's
 * {@link Alert}, a closed set), once per transition, counted when the routing transaction commits (a redelivered
 * transition is not counted again);</li>
 * <li>{@code homeward_critical_alerts_unacknowledged}: organisation-wide critical alerts no advocate of the
 * organisation has acknowledged yet, and {@code homeward_critical_alerts_unacknowledged_oldest_age_seconds}, how long
 * the oldest of them has waited (0 when none waits). Read at most every 5 s, within 2 s; NaN while the database does
 * not answer.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class AlertMetrics {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<Alert, Counter> raised = new EnumMap<>(Alert.class);
    private final CachedReading unacknowledged = new CachedReading(MAX_AGE, 2, this::readUnacknowledged);
    private final Object tallyKey = new Object();

    /** Every series from start-up (at 0), so that rates see the first alert, and before routing counts any. */
    @PostConstruct
    void register() {
        for (Alert kind : Alert.values()) {
            raised.put(kind, Counter.builder("homeward.alerts.raised")
                    .description("Alerts carried by the case transitions routed, by kind, counted after commit")
                    .tag("kind", kind.name()).register(registry));
        }
        Gauge.builder("homeward.critical.alerts.unacknowledged", unacknowledged, r -> r.get(0))
                .description("Organisation-wide critical alerts that no advocate of the organisation acknowledged")
                .register(registry);
        Gauge.builder("homeward.critical.alerts.unacknowledged.oldest.age", unacknowledged, r -> r.get(1))
                .baseUnit("seconds")
                .description("How long the oldest unacknowledged critical alert has waited; 0 when none waits")
                .register(registry);
    }

    /** Counts the alerts of a routed transition once the current transaction commits. */
    public void raised(List<Alert> alerts) {
        if (alerts == null) {
            return;
        }
        List<Counter> counters = alerts.stream().filter(a -> a != null && raised.containsKey(a)).map(raised::get)
                .toList();
        if (counters.isEmpty()) {
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counters.forEach(Counter::increment);
            return;
        }
        Tally tally = (Tally) transactions.getResource(tallyKey);
        if (tally == null) {
            tally = new Tally();
            transactions.putResource(tallyKey, tally);
            transactions.registerInterposedSynchronization(tally);
        }
        tally.counted.addAll(counters);
    }

    private double[] readUnacknowledged() throws Exception {
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement("select count(*),"
                        + " coalesce(extract(epoch from now() - min(a.created_at)), 0) from critical_alerts a"
                        + " where not exists (select 1 from critical_alert_acks k where k.alert_id = a.id)")) {
            query.setQueryTimeout(2);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new double[] {rs.getLong(1), Math.max(0, rs.getDouble(2))};
            }
        }
    }

    /** The counts of one transaction, added when it commits and dropped when it rolls back. */
    private static final class Tally implements Synchronization {

        final List<Counter> counted = new ArrayList<>();

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                counted.forEach(Counter::increment);
            }
        }
    }
}
