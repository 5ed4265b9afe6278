package org.homeward.intake.publishing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.Topics;
import org.homeward.support.kafka.PublishFailedException;
import org.homeward.support.kafka.ReliableProducer;
import org.homeward.support.tracing.Traces;
import org.jboss.logging.Logger;

/**
 * Publishes accepted events to {@code case-events}, keyed by case id, and reports only what the broker acknowledged
 * ({@code acks=all}). Each event's data is sealed under its case's key ({@link CaseEventKeys}, published on
 * {@code case-keys} first); only an erasure travels in clear ({@link EventCodec#travelsInClear}). A case whose key
 * cannot be had (Kafka did not acknowledge it, or the case was erased meanwhile) has its events answered failed, unsent.
 *
 * <p>Several events are published in rounds: round n sends the n-th event of every case at once and waits for all
 * acknowledgements. A case's next event is sent only after its previous one was acknowledged, so one person's events
 * reach Kafka in the order given, and when Kafka fails half-way the events of that case after the failed one are not
 * sent at all: no later event can overtake an earlier one that a retry will bring. A batch of many cases takes a few
 * rounds; a long chain of one case's events takes one acknowledgement round trip per event. No round starts after
 * {@code homeward.intake.batch-deadline}, so a request is answered within that plus one acknowledgement's bound.
 */
@ApplicationScoped
public class CaseEventPublisher {

    private static final Logger LOG = Logger.getLogger(CaseEventPublisher.class);

    /** What became of one event. */
    public enum Delivery {
        /** The broker acknowledged it: it is in Kafka. */
        ACKNOWLEDGED,
        /** The broker certainly did not store it: the producer never sent it, or the broker refused it. */
        FAILED,
        /**
         * No acknowledgement came (a timeout, a lost connection or acknowledgement) after the record left for the
         * broker: it may be in Kafka or not. The producer has given up on it, so it is not published later.
         */
        UNKNOWN,
        /** Not sent: an earlier event of the same case failed, or the bound ran out. */
        NOT_SENT
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "homeward.intake.delivery-timeout", defaultValue = "PT3S")
    Duration deliveryTimeout;

    @ConfigProperty(name = "homeward.intake.batch-deadline", defaultValue = "PT20S")
    Duration batchDeadline;

    @Inject
    Traces traces;

    @Inject
    CaseEventKeys caseKeys;

    private ReliableProducer producer;

    @PostConstruct
    void start() {
        producer = new ReliableProducer(kafkaConfig, "intake-service", deliveryTimeout);
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    /** How long a publication may take at most before it is answered as failed. */
    public Duration bound() {
        return producer.bound();
    }

    /** Publishes the events, one case's in the order given; answers each event's delivery, in the same order. */
    public List<Delivery> publishInOrder(List<CloudEvent<CaseEventData>> events) {
        Delivery[] deliveries = new Delivery[events.size()];
        Arrays.fill(deliveries, Delivery.NOT_SENT);
        Map<String, Deque<Integer>> byCase = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byCase.computeIfAbsent(events.get(i).subject(), c -> new ArrayDeque<>()).add(i);
        }
        long deadline = System.nanoTime() + batchDeadline.toNanos();
        Set<UUID> sealed = new HashSet<>();
        for (CloudEvent<CaseEventData> event : events) {
            if (!EventCodec.travelsInClear(event.data())) {
                sealed.add(event.caseId());
            }
        }
        Map<UUID, SecretKey> keys = caseKeys.forPublishing(sealed);
        for (UUID caseId : sealed) {
            if (!keys.containsKey(caseId)) {
                byCase.remove(caseId.toString()).forEach(index -> deliveries[index] = Delivery.FAILED);
            }
        }
        Set<String> failedCases = new HashSet<>();
        while (!byCase.isEmpty() && System.nanoTime() < deadline) {
            List<Integer> round = new ArrayList<>(byCase.size());
            List<Future<RecordMetadata>> sent = new ArrayList<>(byCase.size());
            List<Span> spans = new ArrayList<>(byCase.size());
            for (var cases = byCase.entrySet().iterator(); cases.hasNext(); ) {
                var pending = cases.next();
                int index = pending.getValue().poll();
                if (pending.getValue().isEmpty()) {
                    cases.remove();
                }
                CloudEvent<CaseEventData> event = events.get(index);
                round.add(index);
                // A span per event, child of the request's: its traceparent on the record carries the partner's
                // trace to the case service (docs/operations.md, "Traces").
                Span span = traces.publishing(Context.current(), Topics.CASE_EVENTS, event);
                spans.add(span);
                byte[] record = EventCodec.travelsInClear(event.data()) ? EventCodec.encode(event)
                        : EventCodec.encodeSealed(event, keys.get(event.caseId()));
                sent.add(producer.start(Topics.CASE_EVENTS, event.subject(), record,
                        Traces.traceparent(Context.current().with(span))));
            }
            for (int i = 0; i < round.size(); i++) {
                int index = round.get(i);
                try {
                    RecordMetadata stored = producer.await(sent.get(i));
                    Traces.published(spans.get(i), stored.partition(), stored.offset());
                    deliveries[index] = Delivery.ACKNOWLEDGED;
                } catch (PublishFailedException e) {
                    Traces.failed(spans.get(i), e.getCause() == null ? e : e.getCause());
                    deliveries[index] = e.mayHaveBeenStored() ? Delivery.UNKNOWN : Delivery.FAILED;
                    CloudEvent<CaseEventData> event = events.get(index);
                    failedCases.add(event.subject());
                    LOG.warnf("Event %s of case %s not acknowledged by Kafka (%s): %s", event.id(), event.subject(),
                            deliveries[index] == Delivery.UNKNOWN ? "outcome unknown" : "not stored",
                            e.getCause() == null ? "timeout" : e.getCause().getClass().getSimpleName());
                }
            }
            byCase.keySet().removeAll(failedCases);
        }
        return List.of(deliveries);
    }
}
