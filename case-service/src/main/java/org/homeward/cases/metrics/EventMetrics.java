package org.homeward.cases.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.homeward.cases.lifecycle.domain.CaseLedger.Outcome;
import org.homeward.events.EventType;

/**
 * {@code homeward_case_events_total{type, outcome}}: the case events the case service took, by event type (the
 * contract's {@link EventType}, a closed set) and outcome ({@code applied}, {@code rejected}, {@code duplicate},
 * {@code held} behind a case on hold). Counted when the transaction that stored the outcome commits: a batch rolled
 * back and taken again one event at a time counts each event once, and an event a crash made Kafka redeliver counts
 * again as {@code duplicate}. Every series exists from start-up (at 0), so rates and alerts see the first event.
 */
@Startup
@ApplicationScoped
public class EventMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<EventType, Map<Outcome, Counter>> counters = new EnumMap<>(EventType.class);
    private final Object tallyKey = new Object();

    @PostConstruct
    void register() {
        for (EventType type : EventType.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("homeward.case.events")
                        .description("Case events taken, by type and outcome, counted when their transaction commits")
                        .tag("type", type.name()).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            counters.put(type, byOutcome);
        }
    }

    /** Counts {@code outcome} for an event of {@code type} once the current transaction commits; answers it. */
    public Outcome committed(EventType type, Outcome outcome) {
        Counter counter = type == null ? null : counters.get(type).get(outcome);
        if (counter == null) {
            return outcome;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counter.increment();
            return outcome;
        }
        Tally tally = (Tally) transactions.getResource(tallyKey);
        if (tally == null) {
            tally = new Tally();
            transactions.putResource(tallyKey, tally);
            transactions.registerInterposedSynchronization(tally);
        }
        tally.counted.add(counter);
        return outcome;
    }

    /** The counts of one transaction, added when it commits and dropped when it rolls back. */
    private static final class Tally implements Synchronization {

        final List<Counter> counted = new ArrayList<>();

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                counted.forEach(Counter::increment);
            }
        }
    }
}
