package org.homeward.cases.lifecycle.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseState;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;

/**
 * Derives a case from its own events: they are judged by the {@link CaseStateMachine} one after the other in the
 * order in which they happened ({@code occurredAt}; arrival order breaks ties; the opening always comes first,
 * whatever date it carries), never in the order they arrived. A late report of an earlier fact is placed at its time
 * and everything after it is judged again. Retracted events, retractions themselves and events refused for access are
 * not part of a derivation: the caller leaves them out.
 *
 * <p>The result is each event's judgement, the case's facts, its vital claims and its conflicts. Evidence of life
 * dated after a reported death is a {@code LIFE_AFTER_DEATH} conflict on that evidence, judged on the dates of the
 * claims ({@link Vitals}) rather than on their order. A pure function: the same events give the same case.
 */
public final class Derivation {

    /** The version of these rules; a case derived under an older one is derived again at start-up. */
    public static final int VERSION = 2;

    /** The alerts that flag a case (its {@code conflicts}) rather than only the event. */
    public static final Set<Alert> CONFLICT_ALERTS = EnumSet.of(Alert.FORCED_REPATRIATION_RISK,
            Alert.LIFE_AFTER_DEATH, Alert.UNRECOGNISED_DESTINATION);

    /** The order of a derivation: the opening first, then by occurredAt, then by arrival. */
    public static final Comparator<Event> ORDER = Comparator.<Event>comparingInt(e -> e.opens() ? 0 : 1)
            .thenComparing(Event::occurredAt)
            .thenComparingLong(Event::sequence);

    private Derivation() {
    }

    /** One event of the case as derivation sees it; {@code sequence} is its arrival order. */
    public record Event(UUID eventId, long sequence, CaseEventData data, Instant occurredAt, String reportedBy) {

        boolean opens() {
            return data instanceof CaseOpened;
        }

        @Override
        public String toString() {
            return "Event[eventId=" + eventId + ", type=" + data.type() + "]";
        }
    }

    /** What derivation made of one event where it falls in the case's history. */
    public record Judgement(TransitionStatus status, CaseState from, CaseState to, String reason, List<Alert> alerts) {

        public Judgement {
            alerts = List.copyOf(alerts);
        }

        static Judgement of(Decision decision) {
            return new Judgement(decision.status(), decision.from(), decision.to(), decision.reason(),
                    decision.alerts());
        }

        Judgement withAlert(Alert alert, String why) {
            List<Alert> more = new ArrayList<>(alerts);
            more.add(alert);
            return new Judgement(status, from, to, reason == null ? why : reason + "; " + why, more);
        }

        public boolean isApplied() {
            return status == TransitionStatus.APPLIED;
        }

        /**
         * Critical for conflicts; high for an unrecognised destination; the type's own, or normal when rejected or when
         * no event caused it.
         */
        public Urgency urgency(EventType type) {
            return urgency(type, status, alerts);
        }

        public static Urgency urgency(EventType type, TransitionStatus status, Collection<Alert> alerts) {
            if (alerts.stream().anyMatch(Alert::isCritical)) {
                return Urgency.CRITICAL;
            }
            // No type: a transition no event caused (a case derived again after an upgrade).
            Urgency base = status == TransitionStatus.APPLIED && type != null ? type.defaultUrgency() : Urgency.NORMAL;
            return alerts.contains(Alert.UNRECOGNISED_DESTINATION) && !base.atLeast(Urgency.HIGH) ? Urgency.HIGH
                    : base;
        }
    }

    /**
     * A derived case. {@code facts} is null when there is no case (no opening among the events); {@code judgements}
     * are in derivation order.
     */
    public record Result(CaseFacts facts, Map<UUID, Judgement> judgements, List<VitalClaim> claims, Vitals vitals) {

        /** The conflicts the judged events raise, in derivation order. */
        public List<Conflict> conflicts(Instant detectedAt) {
            List<Conflict> conflicts = new ArrayList<>();
            judgements.forEach((eventId, judgement) -> judgement.alerts().stream().filter(CONFLICT_ALERTS::contains)
                    .forEach(alert -> conflicts.add(new Conflict(alert, eventId, judgement.reason(), detectedAt))));
            return conflicts;
        }
    }

    /** The case derived from scratch from all of its events (in any order: they are sorted here). */
    public static Result derive(Collection<Event> events) {
        return derive(null, events);
    }

    /**
     * The case derived from {@code opened} (a case whose opening is not among its events: stored before openings
     * were kept in the timeline; null otherwise) and all of its events.
     */
    public static Result derive(CaseFacts opened, Collection<Event> events) {
        return fold(opened, List.of(), events.stream().sorted(ORDER).toList());
    }

    /**
     * The case after one more event that falls after every event it was derived from (see {@link #fallsLast}),
     * without reading the others again: the same result as {@link #derive} over all of them, for that event's part.
     */
    public static Result extend(CaseFacts facts, List<VitalClaim> claims, Event next) {
        return fold(facts, claims, List.of(next));
    }

    /**
     * Whether {@code next} can be judged from the case as it stands ({@link #extend}): it happened no earlier than
     * the latest of the case's other events ({@code latest}, empty when there is none), so that nothing after it needs
     * judging again; it is not an opening; and it is not a death report, which can turn evidence of life already
     * recorded into a conflict.
     */
    public static boolean fallsLast(Event next, Optional<Instant> latest) {
        return !next.opens() && !(next.data().type() == EventType.DEATH_REPORTED)
                && latest.map(l -> !next.occurredAt().isBefore(l)).orElse(true);
    }

    private static Result fold(CaseFacts start, List<VitalClaim> claimsBefore, List<Event> events) {
        CaseFacts facts = start;
        List<VitalClaim> claims = new ArrayList<>(claimsBefore);
        Map<UUID, Judgement> judgements = new LinkedHashMap<>();
        for (Event event : events) {
            Decision decision = CaseStateMachine.decide(facts, event.data(), event.occurredAt());
            if (decision.isApplied()) {
                facts = decision.after();
                VitalClaim.of(event.eventId(), event.data(), event.occurredAt(), event.reportedBy())
                        .ifPresent(claims::add);
            }
            judgements.put(event.eventId(), Judgement.of(decision));
        }
        Optional<java.time.LocalDate> death = Vitals.earliestDeath(claims);
        for (VitalClaim life : Vitals.lifeAfterDeath(claims)) {
            judgements.computeIfPresent(life.eventId(), (id, judgement) -> judgement.withAlert(Alert.LIFE_AFTER_DEATH,
                    "the person was reported dead on " + death.orElseThrow() + ", but this " + life.type()
                            + " shows them alive on " + life.date()));
        }
        return new Result(facts, judgements, List.copyOf(claims), Vitals.of(claims));
    }
}
