package org.homeward.cases.tracing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.Person;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trace context crosses Kafka into and out of the case service, with the real Kafka and PostgreSQL: a case event
 * published with a {@code traceparent} header (as intake publishes) is taken in a consumer span of that trace, the
 * outbox row keeps the context, and the relay, later and in another thread, publishes the transition with a
 * {@code traceparent} of the same trace, its parent the consumer's span. No span names the person or the place.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class TraceAcrossKafkaTest {

    private static final String NAME = "추적하나";
    private static final String PLACE = "Sudzha-Traced";

    @Inject
    InMemorySpanExporter spans;

    private KafkaProducer<String, byte[]> producer;
    private TopicProbe transitions;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", HomewardTestStack.kafkaBootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer());
        transitions = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_TRANSITIONS);
    }

    @AfterEach
    void close() {
        producer.close();
        transitions.close();
    }

    @Test
    void aCaseEventsTraceGoesOnThroughTheConsumerAndTheOutboxRelayToTheTransition() throws Exception {
        String traceId = hex(16);
        String intakeSpanId = hex(8);
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        CloudEvent<?> event = CloudEvent.caseEvent(eventId, caseId, "urn:homeward:test",
                Instant.parse("2025-01-09T06:00:00Z"), Instant.now(), Callers.ORGANISATION, "tester",
                new CaseOpened(Category.NORTH_KOREAN_POW, new Person(NAME, List.of(), 2001, null, null), PLACE,
                        LocalDate.of(2025, 1, 9)));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CASE_EVENTS, caseId.toString(),
                EventCodec.encode(event));
        record.headers().add("traceparent", ("00-" + traceId + "-" + intakeSpanId + "-01")
                .getBytes(StandardCharsets.US_ASCII));
        RecordMetadata stored = producer.send(record).get();

        // The transition on case-transitions carries the same trace.
        ConsumerRecord<String, byte[]> transition = await().atMost(CaseEventsOnKafka.WAIT).until(
                () -> transitions.records(caseId.toString()).stream()
                        .filter(r -> eventId.equals(EventCodec.decodeTransition(r.value()).data().eventId()))
                        .findFirst(), Optional::isPresent).orElseThrow();
        Header header = transition.headers().lastHeader("traceparent");
        assertNotNull(header, "the relayed transition carries a traceparent");
        String[] relayed = new String(header.value(), StandardCharsets.US_ASCII).split("-");
        assertEquals(traceId, relayed[1], "the transition continues the partner's trace");
        assertNotEquals(intakeSpanId, relayed[2]);

        // The consumer's span is a child of the record's context and names the event by id, type and offset.
        SpanData consumed = await().atMost(CaseEventsOnKafka.WAIT).until(() -> find(traceId, SpanKind.CONSUMER),
                Optional::isPresent).orElseThrow();
        assertEquals(intakeSpanId, consumed.getParentSpanId());
        assertEquals("case-events process", consumed.getName());
        assertEquals(eventId.toString(), consumed.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
        assertEquals(event.type(), consumed.getAttributes().get(AttributeKey.stringKey("homeward.event.type")));
        assertEquals(Integer.toString(stored.partition()),
                consumed.getAttributes().get(AttributeKey.stringKey("messaging.destination.partition.id")));
        assertEquals(stored.offset(), consumed.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset")));

        // The relay's span, later and in another thread, is the consumer span's child; its id is on the record.
        SpanData published = await().atMost(CaseEventsOnKafka.WAIT).until(() -> find(traceId, SpanKind.PRODUCER),
                Optional::isPresent).orElseThrow();
        assertEquals("case-transitions publish", published.getName());
        assertEquals(consumed.getSpanId(), published.getParentSpanId());
        assertEquals(published.getSpanId(), relayed[2]);
        assertEquals(EventCodec.decodeTransition(transition.value()).id().toString(),
                published.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
        assertEquals(Integer.toString(transition.partition()),
                published.getAttributes().get(AttributeKey.stringKey("messaging.destination.partition.id")));

        // Ids and types only: no span of the trace names the person or the place.
        for (SpanData span : spans.getFinishedSpanItems()) {
            if (span.getTraceId().equals(traceId)) {
                String all = span.getName() + " " + span.getAttributes();
                assertFalse(all.contains(NAME) || all.contains(PLACE), () -> "personal data in span " + all);
            }
        }
    }

    private Optional<SpanData> find(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .filter(s -> s.getKind() == kind).findFirst();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(random);
    }
}
