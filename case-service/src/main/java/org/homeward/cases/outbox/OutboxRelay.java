package org.homeward.cases.outbox;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.support.jobs.BackgroundLoop;
import org.homeward.support.jobs.BackgroundLoops;
import org.homeward.support.jobs.LoopFailure;
import org.homeward.support.kafka.PublishFailedException;
import org.homeward.support.kafka.ReliableProducer;
import org.homeward.support.tracing.Traces;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once the broker acknowledged them.
 *
 * <p>One relay at a time across all replicas: each batch runs in a transaction that first takes a PostgreSQL
 * advisory lock, so two replicas never publish the same case's messages out of order. A crash between publishing
 * and deleting publishes those rows again; consumers drop the duplicates by message id.
 *
 * <p>A row the broker does not acknowledge stops the relay at that row: the acknowledged rows before it are deleted,
 * the rows after it wait (per-person order; a row the producer refuses at once, e.g. larger than it may send, is not
 * even followed by a send of the rows after it), and the relay tries that one row alone, with back-off, until the
 * broker takes it. Passes that fail for longer than {@code homeward.outbox.stall-after} (30 s) turn readiness DOWN;
 * the log names the row (id, topic, size, when written) and the broker's refusal (class), never its content. A row the
 * broker refuses for good (larger than its limit) needs an operator: docs/reliability.md, "Background loops".
 */
@ApplicationScoped
public class OutboxRelay {

    /** The advisory lock key of the case service's relay (any constant shared by its replicas). */
    static final long LOCK_KEY = 0x486f6d6577617264L;
    static final int BATCH = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    BackgroundLoops loops;

    @Inject
    Traces traces;

    @ConfigProperty(name = "homeward.outbox.poll-interval", defaultValue = "PT0.5S")
    Duration pollInterval;

    @ConfigProperty(name = "homeward.outbox.delivery-timeout", defaultValue = "PT10S")
    Duration deliveryTimeout;

    /** Failing passes (or one pass running) for longer than this turn readiness DOWN. */
    @ConfigProperty(name = "homeward.outbox.stall-after", defaultValue = "PT30S")
    Duration stallAfter;

    private ReliableProducer producer;
    private BackgroundLoop loop;
    /** After a failure, the next pass sends the first waiting row alone, so the rows behind it are not sent again. */
    private volatile boolean probing;

    void start(@Observes StartupEvent startup) {
        producer = new ReliableProducer(kafkaConfig, "case-service-outbox", deliveryTimeout);
        loop = loops.start(BackgroundLoop.Spec.named("outbox-relay").idleWait(pollInterval)
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(10)).stallAfter(stallAfter)
                .stopGrace(Duration.ofSeconds(15)), this::pass);
    }

    private BackgroundLoop.Next pass() throws SQLException {
        boolean probe = probing;
        int relayed = relayBatch();
        return relayed == BATCH || (probe && relayed > 0) ? BackgroundLoop.Next.AGAIN : BackgroundLoop.Next.IDLE;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
        if (producer != null) {
            producer.close();
        }
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (loop != null) {
            loop.wake();
        }
    }

    /** The relay's loop, for health and tests. */
    public BackgroundLoop loop() {
        return loop;
    }

    /** Relays up to one batch (one row after a failure); answers how many rows it published. */
    int relayBatch() throws SQLException {
        int limit = probing ? 1 : BATCH;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Row> rows = new ArrayList<>();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                List<Span> spans = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("select id, topic, message_key, payload,"
                        + " created_at, traceparent, message_id, message_type from outbox order by id limit " + limit)) {
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            byte[] payload = rs.getBytes(4);
                            rows.add(new Row(rs.getLong(1), rs.getString(2), payload.length,
                                    rs.getObject(5, OffsetDateTime.class)));
                            // The row's trace goes on: a publishing span, child of the span that wrote the row.
                            String traceparent = rs.getString(6);
                            Span span = traceparent == null ? Span.getInvalid()
                                    : traces.publishing(Traces.parent(traceparent), rs.getString(2), rs.getString(7),
                                            rs.getString(8));
                            spans.add(span);
                            Future<RecordMetadata> future = producer.start(rs.getString(2), rs.getString(3), payload,
                                    traceparent == null ? null : outgoing(span, traceparent));
                            sent.add(future);
                            if (refusedAtOnce(future)) {
                                break; // e.g. larger than the producer may send: send nothing after it
                            }
                        }
                    }
                }
                // In id order: the acknowledged rows before the first one the broker did not take are done.
                int acknowledged = 0;
                PublishFailedException refusal = null;
                for (Future<RecordMetadata> future : sent) {
                    try {
                        RecordMetadata stored = producer.await(future);
                        Traces.published(spans.get(acknowledged), stored.partition(), stored.offset());
                        acknowledged++;
                    } catch (PublishFailedException e) {
                        refusal = e;
                        break;
                    }
                }
                for (int i = acknowledged; i < spans.size(); i++) {
                    Traces.failed(spans.get(i), refusal == null ? new IllegalStateException() : refusal);
                }
                delete(connection, rows.subList(0, acknowledged));
                connection.commit();
                if (refusal != null) {
                    probing = true;
                    throw refused(rows.get(acknowledged), acknowledged, refusal);
                }
                probing = false;
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                if (!connection.getAutoCommit()) {
                    try {
                        connection.rollback();
                    } catch (SQLException ignored) {
                        // the connection is broken; nothing was committed
                    }
                }
                throw e;
            }
        }
    }

    /**
     * The traceparent for the record: the publishing span's, or the row's own when tracing is off here (the context
     * that came from upstream still goes on).
     */
    private static String outgoing(Span span, String stored) {
        String own = Traces.traceparent(Context.root().with(span));
        return own == null ? stored : own;
    }

    /** Whether the producer refused the record without sending it (too large, no metadata): nothing after it goes. */
    private static boolean refusedAtOnce(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return false;
        }
        try {
            future.get();
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static LoopFailure refused(Row row, int relayedBefore, PublishFailedException refusal) {
        Throwable cause = refusal.getCause() == null ? refusal : refusal.getCause();
        return new LoopFailure("outbox row " + row.id() + " (topic " + row.topic() + ", " + row.size()
                + " bytes, written " + row.createdAt() + ") was not acknowledged by Kafka ("
                + cause.getClass().getSimpleName() + "); " + relayedBefore + " rows before it were relayed, the rows"
                + " after it wait", refusal);
    }

    private static void delete(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", rows.stream().map(Row::id).toArray()));
            delete.executeUpdate();
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

    /** What the log may say about an outbox row: never its content. */
    private record Row(long id, String topic, int size, OffsetDateTime createdAt) {
    }
}
