package org.homeward.cases.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.support.kafka.ReliableProducer;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once the broker acknowledged every one of a batch.
 *
 * <p>One relay at a time across all replicas: each batch runs in a transaction that first takes a PostgreSQL
 * advisory lock, so two replicas never publish the same case's messages out of order. A crash between publishing
 * and deleting publishes those rows again; consumers drop the duplicates by message id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock key of the case service's relay (any constant shared by its replicas). */
    static final long LOCK_KEY = 0x486f6d6577617264L;
    static final int BATCH = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "homeward.outbox.poll-interval", defaultValue = "PT0.5S")
    Duration pollInterval;

    @ConfigProperty(name = "homeward.outbox.delivery-timeout", defaultValue = "PT10S")
    Duration deliveryTimeout;

    private final Semaphore wake = new Semaphore(0);
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>(Instant.now());
    private volatile boolean running;
    private Thread thread;
    private ReliableProducer producer;

    void start(@Observes StartupEvent startup) {
        producer = new ReliableProducer(kafkaConfig, "case-service-outbox", deliveryTimeout);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
        if (producer != null) {
            producer.close();
        }
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wake.release();
    }

    /** When the relay last completed a pass without error; readiness uses it. */
    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                // Permits released while the batch runs stay, so a row committed meanwhile is relayed at once.
                wake.drainPermits();
                int relayed = relayBatch();
                lastSuccess.set(Instant.now());
                backoff = Duration.ofMillis(200);
                if (relayed < BATCH) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Outbox relay failed; retrying in %d ms: %s", backoff.toMillis(), SafeLog.describe(e));
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** Relays up to one batch; answers how many rows it published. */
    int relayBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "select id, topic, message_key, payload from outbox order by id limit " + BATCH)) {
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                            sent.add(producer.start(rows.getString(2), rows.getString(3), rows.getBytes(4)));
                        }
                    }
                }
                for (Future<RecordMetadata> future : sent) {
                    producer.await(future);
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement("delete from outbox where id = any(?)")) {
                        delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                        delete.executeUpdate();
                    }
                }
                connection.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
