package org.homeward.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.homeward.events.CloudEvent;

/**
 * The trace context of one event from a partner's request to a webhook (docs/operations.md, "Traces"): W3C
 * {@code traceparent} in Kafka record headers, stored with the rows that are worked on later in another thread (the
 * case service's outbox, the notification service's deliveries), and spans that carry ids and types only, never
 * names, bodies or query strings.
 *
 * <p>With tracing off ({@code quarkus.otel.sdk.disabled=true}, the default outside production) spans are no-ops, and
 * a context that arrived from upstream is still passed on unchanged.
 */
@ApplicationScoped
public class Traces {

    /** The W3C Trace Context header, on Kafka records and webhook requests. */
    public static final String TRACEPARENT = "traceparent";

    public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    public static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    public static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    /** The CloudEvent type, e.g. {@code org.homeward.case.captured.v1}. */
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("homeward.event.type");
    /** What became of a message: applied, rejected, held, duplicate, refused... */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("homeward.outcome");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    /** The spans of a batch's records while the batch is worked on as a whole ({@link #each}). */
    private static final ThreadLocal<Map<Object, Context>> BATCH = new ThreadLocal<>();

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return () -> java.util.Arrays.stream(carrier.toArray()).map(Header::key).iterator();
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.US_ASCII);
        }
    };

    private static final TextMapGetter<String> TRACEPARENT_ONLY = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    @Inject
    OpenTelemetry openTelemetry;

    private Tracer tracer;

    @PostConstruct
    void init() {
        tracer = openTelemetry.getTracer("org.homeward");
    }

    /** The {@code traceparent} of the current span, or null when there is none (tracing off, nothing upstream). */
    public static String currentTraceparent() {
        return traceparent(Context.current());
    }

    /** The {@code traceparent} of the span in {@code context}, or null when it has no valid one. */
    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a {@code traceparent} names, as a remote parent; the root context when null or not valid. */
    public static Context parent(String traceparent) {
        return traceparent == null ? Context.root() : W3C.extract(Context.root(), traceparent, TRACEPARENT_ONLY);
    }

    /** The context in a Kafka record's headers; the root context when it carries none. */
    public static Context parent(Headers headers) {
        return headers == null ? Context.root() : W3C.extract(Context.root(), headers, KAFKA_HEADERS);
    }

    /** The context of a consumed record's headers. */
    public static Context parent(Message<?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> parent(m.getHeaders()))
                .orElse(Context.root());
    }

    /**
     * A span for publishing {@code message} to {@code topic}, a child of {@code parent}; its {@link #traceparent}
     * goes on the record. End it once the broker answered ({@link #published}, {@link #failed}).
     */
    public Span publishing(Context parent, String topic, CloudEvent<?> message) {
        return publishing(parent, topic, message.id() == null ? null : message.id().toString(), message.type());
    }

    /** As {@link #publishing(Context, String, CloudEvent)}, with the message's id and type given apart. */
    public Span publishing(Context parent, String topic, String messageId, String type) {
        SpanBuilder span = tracer.spanBuilder(topic + " publish").setSpanKind(SpanKind.PRODUCER).setParent(parent)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION, "publish");
        if (messageId != null) {
            span.setAttribute(MESSAGE_ID, messageId);
        }
        if (type != null) {
            span.setAttribute(EVENT_TYPE, type);
        }
        return span.startSpan();
    }

    /** Ends a publishing span with where the broker stored the record. */
    public static void published(Span span, int partition, long offset) {
        span.setAttribute(PARTITION, Integer.toString(partition)).setAttribute(OFFSET, offset).end();
    }

    /** Ends a span with an error status naming the failure's class only (messages can quote personal data). */
    public static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName()).end();
    }

    /**
     * A span for taking one consumed record, a child of the context in its headers (the producer's span): ids, type,
     * topic, partition and offset.
     */
    public Span processing(Message<?> record, CloudEvent<?> message) {
        IncomingKafkaRecordMetadata<?, ?> where = record.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        String topic = where == null ? "?" : where.getTopic();
        SpanBuilder span = tracer.spanBuilder(topic + " process").setSpanKind(SpanKind.CONSUMER)
                .setParent(parent(record)).setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "process");
        if (where != null) {
            span.setAttribute(PARTITION, Integer.toString(where.getPartition())).setAttribute(OFFSET, where.getOffset());
        }
        Span started = span.startSpan();
        if (message != null) {
            about(started, message);
        }
        return started;
    }

    /** Names the message a span is about: its id and type. */
    public static void about(Span span, CloudEvent<?> message) {
        span.setAttribute(MESSAGE_ID, String.valueOf(message.id())).setAttribute(EVENT_TYPE, message.type());
    }

    /** A span for work done later for something that arrived in the trace {@code traceparent} (null: a new trace). */
    public SpanBuilder later(String name, SpanKind kind, String traceparent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent(traceparent));
    }

    /**
     * Runs the spans of a batch's records ({@code spans}, by message object) while {@code work} takes the batch as a
     * whole; {@link #each} makes each message's span current while it is worked on.
     */
    public static void withBatch(Map<Object, Context> spans, Runnable work) {
        Map<Object, Context> before = BATCH.get();
        BATCH.set(spans);
        try {
            work.run();
        } finally {
            if (before == null) {
                BATCH.remove();
            } else {
                BATCH.set(before);
            }
        }
    }

    /** A map for {@link #withBatch} keyed by the message objects themselves. */
    public static Map<Object, Context> batchSpans() {
        return new IdentityHashMap<>();
    }

    /**
     * Works on each message of a batch in turn, with its own record's span current (so that what it writes for later,
     * an outbox row or a delivery, continues the trace of the record that caused it).
     */
    public static <T> void each(List<T> messages, Consumer<T> work) {
        Map<Object, Context> spans = BATCH.get();
        for (T message : messages) {
            Context context = spans == null ? null : spans.get(message);
            if (context == null) {
                work.accept(message);
            } else {
                try (Scope ignored = context.makeCurrent()) {
                    work.accept(message);
                }
            }
        }
    }
}
