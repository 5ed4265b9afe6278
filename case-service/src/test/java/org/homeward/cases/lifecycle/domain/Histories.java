package org.homeward.cases.lifecycle.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.Alert;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.Person;

/**
 * A case's history for tests of {@link Derivation}, taken the way CaseLedger takes it: one event at a time in arrival
 * order, extended from the stored facts when the event falls last and derived again from every event otherwise;
 * retractions leave an event out and derive again. {@link #outcome()} is what the case shows.
 */
final class Histories {

    static final Instant OPENED = Instant.parse("2000-01-01T00:00:00Z");

    /** What a case shows: state, vital status and conflicts (kind and event), for comparing derivations. */
    record Outcome(CaseState state, Vitals vitals, Set<String> conflicts) {
    }

    private final List<Derivation.Event> events = new ArrayList<>();
    private final Set<UUID> retracted = new HashSet<>();
    private CaseFacts facts;
    private List<VitalClaim> claims = List.of();
    private List<Conflict> conflicts = List.of();
    private Derivation.Result last;
    private long sequence;

    static Derivation.Event opening(Category category) {
        return new Derivation.Event(UUID.randomUUID(), 0,
                new CaseOpened(category, new Person("김광원", List.of(), 1990, null, null), null, null), OPENED, "org");
    }

    static Derivation.Event event(CaseEventData data, Instant occurredAt) {
        return new Derivation.Event(UUID.randomUUID(), 0, data, occurredAt, "org");
    }

    /** Takes an event as it arrives (its arrival sequence is given here); one already taken changes nothing. */
    Histories take(Derivation.Event event) {
        if (events.stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
            return this;
        }
        Derivation.Event arrived = new Derivation.Event(event.eventId(), ++sequence, event.data(),
                event.occurredAt(), event.reportedBy());
        boolean fast = facts != null && Derivation.fallsLast(arrived, events.stream()
                .filter(e -> !retracted.contains(e.eventId()) && !(e.data() instanceof CaseOpened))
                .map(Derivation.Event::occurredAt).max(Instant::compareTo));
        events.add(arrived);
        if (fast) {
            // As CaseLedger: only a claim reads and rewrites the stored claims.
            boolean claim = VitalClaim.of(arrived.eventId(), arrived.data(), arrived.occurredAt(),
                    arrived.reportedBy()).isPresent();
            last = Derivation.extend(facts, claim ? claims : List.of(), arrived);
            List<Conflict> more = new ArrayList<>(conflicts);
            more.addAll(last.conflicts(OPENED));
            store(last, more, claim);
        } else {
            deriveAgain();
        }
        return this;
    }

    Histories takeAll(Collection<Derivation.Event> arrivals) {
        arrivals.forEach(this::take);
        return this;
    }

    Histories retract(UUID eventId) {
        retracted.add(eventId);
        deriveAgain();
        return this;
    }

    private void deriveAgain() {
        last = Derivation.derive(events.stream().filter(e -> !retracted.contains(e.eventId())).toList());
        store(last, last.conflicts(OPENED), true);
    }

    private void store(Derivation.Result result, List<Conflict> conflicts, boolean vitals) {
        if (result.facts() != null) {
            facts = result.facts();
        }
        if (vitals) {
            claims = result.claims();
        }
        this.conflicts = conflicts;
    }

    /** The judgement of an event in the last derivation that judged it. */
    Derivation.Judgement judgement(UUID eventId) {
        return last.judgements().get(eventId);
    }

    Outcome outcome() {
        return new Outcome(facts == null ? null : facts.state(), Vitals.of(claims),
                conflicts.stream().map(c -> c.kind() + "/" + c.eventId()).collect(Collectors.toSet()));
    }

    /** The outcome of deriving these events from scratch, as one batch. */
    static Outcome derivedAtOnce(Collection<Derivation.Event> events) {
        Derivation.Result result = Derivation.derive(events);
        return new Outcome(result.facts() == null ? null : result.facts().state(), result.vitals(),
                result.conflicts(OPENED).stream().map(c -> c.kind() + "/" + c.eventId()).collect(Collectors.toSet()));
    }

    boolean hasConflict(Alert kind, UUID eventId) {
        return outcome().conflicts().contains(kind + "/" + eventId);
    }
}
