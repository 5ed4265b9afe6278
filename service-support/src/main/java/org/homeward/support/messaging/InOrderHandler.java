package org.homeward.support.messaging;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.homeward.events.CloudEvent;
import org.homeward.events.ErasedEventException;
import org.homeward.events.MalformedEventException;
import org.homeward.events.UnknownEventTypeException;
import org.homeward.support.tracing.Traces;
import org.jboss.logging.Logger;

/**
 * How every Homeward consumer takes one record of a partition, in order, acknowledging it itself:
 * <ul>
 * <li>a record that is not a message of the contract is nacked at once: the connector dead-letters it;</li>
 * <li>a record sealed under a case key that was destroyed (its case was erased) is passed over: nothing in it can be
 * read or applied, and nothing needs to be (the case's erasure, in clear, follows it);</li>
 * <li>otherwise the work is retried in place ({@link RetryInPlace}); success acks the record (its offset may then be
 * committed). A failure for good is given to the consumer's {@link Keeper} when it has one (the case service puts the
 * person's case on hold: the record and the case's later ones wait for an operator), and the record is acked once
 * kept; without a keeper it is nacked (dead-lettered). A well-formed event of a type this reader does not know goes
 * to the keeper as well;</li>
 * <li>while the service is stopping, a record is neither acked nor nacked: its offset is not committed, so the
 * consumer that takes over the partition takes the record. Without this, a record that failed only because the
 * database was already closing would be dead-lettered and the person's later events applied without it.</li>
 * </ul>
 * A consumer in batch mode ({@link #handleBatch}) does the work of a whole poll in one transaction, and falls back to
 * the rules above, one record at a time, when that fails.
 */
@ApplicationScoped
public class InOrderHandler {

    private static final Logger LOG = Logger.getLogger(InOrderHandler.class);

    @ConfigProperty(name = "homeward.consumer.attempts", defaultValue = "5")
    int attempts;

    @ConfigProperty(name = "homeward.consumer.max-backoff", defaultValue = "PT30S")
    Duration maxBackoff;

    @Inject
    Instance<AgroalDataSource> database;

    @Inject
    Traces traces;

    private RetryInPlace retry;

    @PostConstruct
    void init() {
        retry = new RetryInPlace(attempts, maxBackoff, InOrderHandler::stopping, this::databaseAnswers);
    }

    /** Whether the service's database answers a validation within 2 s (true for a service without one). */
    boolean databaseAnswers() {
        if (!database.isResolvable()) {
            return true;
        }
        try (Connection connection = database.get().getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** True once the JVM is shutting down (SIGTERM, a pod being stopped, Ctrl-C). */
    static boolean stopping() {
        return ApplicationLifecycleManager.isVmShuttingDown();
    }

    /**
     * Runs work that is not one record's (a consumer's own batch of another kind) under the same retry-in-place rules
     * as records: transient failures until they pass, others a few times while the database answers. Throws
     * {@link RetryInPlace.Stopped} when the service stops meanwhile.
     */
    public void retryInPlace(String what, Runnable work) throws InterruptedException {
        retry.run(what, work);
    }

    /** A record of a case that cannot be applied for good: its raw bytes, ids and a reason without personal data. */
    public record Unapplied(byte[] payload, UUID eventId, UUID caseId, String type, String reason) {
    }

    /** Keeps what cannot be applied so that it is not lost and the case's later records wait behind it. */
    @FunctionalInterface
    public interface Keeper {
        void keep(Unapplied unapplied);
    }

    /** Handles a record, dead-lettering what fails for good. */
    public <T extends CloudEvent<?>> CompletionStage<Void> handle(Message<byte[]> record, Function<byte[], T> decoder,
            Consumer<T> work) {
        return handle(record, decoder, work, null);
    }

    /** Handles a record, giving what fails for good (or has an unknown type) to {@code keeper}, if not null. */
    public <T extends CloudEvent<?>> CompletionStage<Void> handle(Message<byte[]> record, Function<byte[], T> decoder,
            Consumer<T> work, Keeper keeper) {
        Fate fate = process(record, decoder, work, keeper);
        return switch (fate.kind()) {
            case DONE -> record.ack();
            case REFUSED -> record.nack(fate.failure());
            case LEFT -> leaveForTheNextOwner(record);
        };
    }

    /**
     * Handles a batch of records (from every partition the consumer owns, each partition's in order): first all
     * together, {@code together} doing the work of every record in one database transaction; if that fails for any
     * reason, one record at a time exactly as {@link #handle} does (retried in place, kept, or dead-lettered), so that
     * a failing record never fails its neighbours and a duplicate inside the batch is found by the same processed
     * marks. The batch is acknowledged (each partition's latest offset may be committed) only once every record's
     * effect is stored. A batch of records that are not all messages of the contract goes one at a time at once.
     */
    public <T extends CloudEvent<?>> CompletionStage<Void> handleBatch(KafkaRecordBatch<?, byte[]> batch,
            Function<byte[], T> decoder, Consumer<List<T>> together, Consumer<T> work, Keeper keeper) {
        if (stopping()) {
            return new CompletableFuture<>();
        }
        List<? extends Message<byte[]>> records = batch.getRecords();
        if (records.size() > 1) {
            List<T> messages = new ArrayList<>(records.size());
            try {
                records.forEach(record -> messages.add(decoder.apply(record.getPayload())));
            } catch (MalformedEventException e) { // an unknown type or an erased case's record too: one at a time
                messages.clear();
            } catch (RetryInPlace.Stopped e) {
                return new CompletableFuture<>();
            }
            if (!messages.isEmpty()) {
                // Each record continues its own trace: a span per record, current while the record is worked on
                // (Traces.each), so that what it writes for later carries its trace.
                Map<Object, Context> contexts = Traces.batchSpans();
                List<Span> spans = new ArrayList<>(records.size());
                for (int i = 0; i < records.size(); i++) {
                    Span span = traces.processing(records.get(i), messages.get(i));
                    spans.add(span);
                    contexts.put(messages.get(i), Context.root().with(span));
                }
                try {
                    Traces.withBatch(contexts, () -> together.accept(messages));
                    spans.forEach(span -> span.setAttribute(Traces.OUTCOME, "done").end());
                    return batch.ack();
                } catch (RuntimeException e) {
                    spans.forEach(span -> Traces.failed(span.setAttribute(Traces.OUTCOME, "batch failed"), e));
                    if (stopping()) {
                        return new CompletableFuture<>();
                    }
                    LOG.infof("A batch of %d records failed as a whole (%s); taking them one at a time",
                            records.size(), reason(e));
                }
            }
        }
        for (Message<byte[]> record : records) {
            Fate fate = process(record, decoder, work, keeper);
            if (fate.kind() == Fate.Kind.LEFT) {
                return leaveForTheNextOwner(record);
            }
            if (fate.kind() == Fate.Kind.REFUSED) {
                try { // dead-lettered before the next record is taken, as one at a time
                    record.nack(fate.failure()).toCompletableFuture().join();
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        }
        return batch.ack();
    }

    /** What became of a record: its effect stored (or kept), refused (to be dead-lettered), or left unacknowledged. */
    private record Fate(Kind kind, Throwable failure) {
        enum Kind { DONE, REFUSED, LEFT }

        static final Fate DONE = new Fate(Kind.DONE, null);
        static final Fate LEFT = new Fate(Kind.LEFT, null);

        static Fate refused(Throwable failure) {
            return new Fate(Kind.REFUSED, failure);
        }
    }

    private <T extends CloudEvent<?>> Fate process(Message<byte[]> record, Function<byte[], T> decoder,
            Consumer<T> work, Keeper keeper) {
        if (stopping()) {
            return Fate.LEFT;
        }
        Span span = traces.processing(record, null);
        try (Scope ignored = span.makeCurrent()) {
            Fate fate = process(record, decoder, work, keeper, span);
            span.setAttribute(Traces.OUTCOME, fate.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (fate.failure() != null) {
                span.setStatus(StatusCode.ERROR, fate.failure().getClass().getSimpleName());
            }
            return fate;
        } finally {
            span.end();
        }
    }

    private <T extends CloudEvent<?>> Fate process(Message<byte[]> record, Function<byte[], T> decoder,
            Consumer<T> work, Keeper keeper, Span span) {
        T message;
        try {
            message = decoder.apply(record.getPayload());
            Traces.about(span, message);
        } catch (ErasedEventException e) {
            LOG.debugf("Record %s belongs to an erased case: passed over unread", where(record));
            return Fate.DONE;
        } catch (RetryInPlace.Stopped e) {
            return Fate.LEFT;
        } catch (UnknownEventTypeException e) {
            span.setAttribute(Traces.MESSAGE_ID, String.valueOf(e.eventId())).setAttribute(Traces.EVENT_TYPE, e.type());
            if (keeper == null) {
                LOG.errorf("Record %s has an event type this version does not know; dead-lettered", where(record));
                return Fate.refused(e);
            }
            return keep(record, new Unapplied(record.getPayload(), e.eventId(), e.caseId(), e.type(),
                    "event type " + e.type() + " is not known to this version"), keeper);
        } catch (MalformedEventException e) {
            LOG.errorf("Record %s is not a message of the contract (%s); dead-lettered", where(record), e.getMessage());
            return Fate.refused(e);
        }
        try {
            retry.run(message.type() + " " + message.id() + " of case " + message.subject(), () -> work.accept(message));
            return Fate.DONE;
        } catch (RetryInPlace.Stopped | InterruptedException e) {
            return Fate.LEFT;
        } catch (RuntimeException e) {
            if (stopping()) {
                return Fate.LEFT;
            }
            if (keeper == null) {
                return Fate.refused(e);
            }
            return keep(record, new Unapplied(record.getPayload(), message.id(), message.caseId(), message.type(),
                    reason(e)), keeper);
        }
    }

    /** Keeps the record (retrying in place until it is stored: it must not be lost); it is then done. */
    private Fate keep(Message<byte[]> record, Unapplied unapplied, Keeper keeper) {
        try {
            retry.run("keeping " + unapplied.type() + " " + unapplied.eventId() + " of case " + unapplied.caseId(),
                    () -> keeper.keep(unapplied));
            return Fate.DONE;
        } catch (RetryInPlace.Stopped | InterruptedException e) {
            return Fate.LEFT;
        } catch (RuntimeException e) {
            if (stopping()) {
                return Fate.LEFT;
            }
            LOG.errorf("Record %s could not be kept either; dead-lettered", where(record));
            return Fate.refused(e);
        }
    }

    private static CompletionStage<Void> leaveForTheNextOwner(Message<byte[]> record) {
        LOG.infof("Stopping: record %s left unacknowledged for the partition's next owner", where(record));
        return new CompletableFuture<>();
    }

    /**
     * Why work failed, for people and logs: the exception classes from the outermost in, and the SQL state of a
     * database error. Never a message, which can quote personal data (a database error quotes the row).
     */
    public static String reason(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 6; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append(" (SQL state ").append(sql.getSQLState()).append(')');
            }
        }
        return out.toString();
    }

    private static String where(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("?");
    }
}
