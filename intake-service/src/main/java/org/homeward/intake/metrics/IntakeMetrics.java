package org.homeward.intake.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.homeward.events.EventType;

/**
 * {@code homeward_intake_events_total{type, outcome}}: the events partners sent, one per event (a bulk request or an
 * import counts each of its items), by event type (the contract's {@link EventType}, a closed set) and outcome:
 * {@code accepted} (Kafka acknowledged it), {@code replayed} (the answer of an earlier request with the same
 * Idempotency-Key) or {@code refused} (nothing of it was published). Counted once the answer is settled: after the
 * transaction that records the key committed. A body that is not a valid event has no type and is counted only by
 * the HTTP server metrics (status 400/422 under its path template).
 */
@Startup
@ApplicationScoped
public class IntakeMetrics {

    /** What became of one event a partner sent. */
    public enum Outcome { ACCEPTED, REPLAYED, REFUSED }

    private final Map<EventType, Map<Outcome, Counter>> counters = new EnumMap<>(EventType.class);

    /** Registers every series (at 0), so that rates and alerts see the first event. */
    @Inject
    public IntakeMetrics(MeterRegistry registry) {
        for (EventType type : EventType.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("homeward.intake.events")
                        .description("Events partners sent, by type and outcome (accepted, replayed, refused)")
                        .tag("type", type.name()).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            counters.put(type, byOutcome);
        }
    }

    /** Counts one event of {@code type}. */
    public void count(EventType type, Outcome outcome) {
        if (type != null) {
            counters.get(type).get(outcome).increment();
        }
    }

    /** Counts events of the given types, all with one outcome (a request refused as a whole). */
    public void count(List<EventType> types, Outcome outcome) {
        types.forEach(type -> count(type, outcome));
    }
}
