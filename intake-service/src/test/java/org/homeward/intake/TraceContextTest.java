package org.homeward.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.homeward.events.EventCodec;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * A partner's request starts (or continues) the trace that crosses Kafka: the record intake publishes carries a
 * {@code traceparent} of the request's trace, naming intake's publishing span, a child of the request's server span.
 * Spans carry ids and types, never the person's name, the place or the request's query string.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class TraceContextTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void thePartnersTraceGoesOnTheRecordIntakePublishes() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String partnerSpan = "00f067aa0ba902b7";
        String caseId = Intake.partner().header("traceparent", "00-" + traceId + "-" + partnerSpan + "-01")
                .body(Intake.OPEN).when().post("/api/v1/cases?note=Kursk").then().statusCode(202)
                .extract().path("caseId");

        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(60))
                .until(() -> Intake.events().records(caseId), r -> !r.isEmpty()).get(0);
        Header header = record.headers().lastHeader("traceparent");
        assertNotNull(header, "the record carries the trace context");
        String[] context = new String(header.value(), StandardCharsets.US_ASCII).split("-");
        assertEquals(traceId, context[1], "the record continues the partner's trace");

        SpanData published = await().atMost(Duration.ofSeconds(30)).until(() -> find(traceId, SpanKind.PRODUCER),
                Optional::isPresent).orElseThrow();
        assertEquals(context[2], published.getSpanId(), "the record names intake's publishing span");
        assertEquals("case-events publish", published.getName());
        assertEquals(Intake.decode(record.value()).id().toString(),
                published.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
        assertEquals(Long.valueOf(record.offset()),
                published.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset")));

        SpanData request = await().atMost(Duration.ofSeconds(30)).until(() -> find(traceId, SpanKind.SERVER),
                Optional::isPresent).orElseThrow();
        assertEquals(partnerSpan, request.getParentSpanId());
        assertEquals(request.getSpanId(), published.getParentSpanId());

        List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .toList();
        for (SpanData span : trace) {
            String all = span.getName() + " " + span.getAttributes();
            assertFalse(all.contains("리광철") || all.contains("Ri Gwang") || all.contains("Kursk"),
                    () -> "personal data or a query string in span " + all);
        }
    }

    private Optional<SpanData> find(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .filter(s -> s.getKind() == kind).findFirst();
    }
}
