package org.homeward.notifications.delivery;

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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.CaseTransition;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Receiver;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace goes on from Kafka to the webhook: a transition published with a {@code traceparent} (as the case
 * service's relay publishes it) is routed in a consumer span of that trace, the delivery keeps the context, and the
 * attempt, later and on the engine's threads, is a span of the same trace whose id the webhook request carries in
 * its {@code traceparent} header.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class TraceToWebhookTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static Receiver receiver;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void theTransitionsTraceReachesTheWebhookRequest() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String relaySpan = "b7ad6b7169203331";
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/traced-" + caseId;
        JsonPath subscription = Advocates.subscribe(advocate, """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId));
        CaseTransition transition = Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH);
        Transitions.publish(transition, "00-" + traceId + "-" + relaySpan + "-01");

        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1);
        String header = receiver.requests(path).get(0).header("traceparent");
        assertNotNull(header, "the webhook request carries the trace context");
        String[] context = header.split("-");
        assertEquals(traceId, context[1], "the webhook continues the partner's trace");

        SpanData routed = await().atMost(WAIT).until(() -> find(traceId, SpanKind.CONSUMER), Optional::isPresent)
                .orElseThrow();
        assertEquals(relaySpan, routed.getParentSpanId());
        assertEquals("case-transitions process", routed.getName());
        assertEquals("org.homeward.case.transition.v1",
                routed.getAttributes().get(AttributeKey.stringKey("homeward.event.type")));

        SpanData delivered = await().atMost(WAIT).until(() -> find(traceId, SpanKind.CLIENT), Optional::isPresent)
                .orElseThrow();
        assertEquals("webhook deliver", delivered.getName());
        assertEquals(routed.getSpanId(), delivered.getParentSpanId(), "the attempt is the routing's child");
        assertEquals(context[2], delivered.getSpanId(), "the request names the attempt's span");
        assertEquals(subscription.getString("id"),
                delivered.getAttributes().get(AttributeKey.stringKey("homeward.subscription.id")));
        assertEquals(204L, delivered.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("delivered", delivered.getAttributes().get(AttributeKey.stringKey("homeward.outcome")));
        String all = delivered.getAttributes().toString();
        assertFalse(all.contains(path) || all.contains("127.0.0.1"), "no target in the span: " + all);
    }

    private Optional<SpanData> find(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .filter(s -> s.getKind() == kind).findFirst();
    }
}
