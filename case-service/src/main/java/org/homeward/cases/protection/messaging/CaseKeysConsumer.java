package org.homeward.cases.protection.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.homeward.cases.protection.persistence.EventKeys;
import org.homeward.events.CaseKeyRecord;
import org.homeward.events.MalformedEventException;
import org.homeward.support.messaging.InOrderHandler;
import org.homeward.support.messaging.RetryInPlace;
import org.jboss.logging.Logger;

/**
 * Reads {@code case-keys} (a group of its own, {@code case-service-keys}): each poll's keys and erasure markers are
 * stored in one transaction ({@link EventKeys#learn}), retried in place while it fails (the rules of every consumer,
 * {@link InOrderHandler#retryInPlace}), and only then acknowledged. A record that is not a case key record is logged
 * and passed over (it can carry no key).
 */
@ApplicationScoped
public class CaseKeysConsumer {

    private static final Logger LOG = Logger.getLogger(CaseKeysConsumer.class);

    @Inject
    EventKeys keys;

    @Inject
    InOrderHandler handler;

    @Incoming("case-keys")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<CaseKeyRecord> records = new ArrayList<>();
        for (Message<byte[]> record : batch.getRecords()) {
            if (record.getPayload() == null) {
                continue; // a tombstone: nothing to learn
            }
            try {
                records.add(CaseKeyRecord.decode(record.getPayload()));
            } catch (MalformedEventException e) {
                LOG.errorf("A record of case-keys is not a case key record (%s); passed over", e.getMessage());
            }
        }
        try {
            handler.retryInPlace("storing " + records.size() + " case keys",
                    () -> QuarkusTransaction.requiringNew().run(() -> keys.learn(records)));
        } catch (RetryInPlace.Stopped | InterruptedException e) {
            return new CompletableFuture<>(); // not acknowledged: the partition's next owner reads them again
        }
        return batch.ack();
    }
}
