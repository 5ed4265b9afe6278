package org.homeward.cases.lifecycle.domain;

import static org.homeward.events.CaseState.CLOSED;
import static org.homeward.events.CaseState.DECEASED;
import static org.homeward.events.CaseState.ERASED;
import static org.homeward.events.CaseState.IN_CUSTODY;
import static org.homeward.events.CaseState.INTENT_STATED;
import static org.homeward.events.CaseState.REPORTED;
import static org.homeward.events.CaseState.RESETTLED;
import static org.homeward.events.CaseState.RETURNED;
import static org.homeward.events.CaseState.TRANSFERRED;
import static org.homeward.events.CaseState.TRANSFER_PENDING;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.homeward.events.Alert;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.DeathReported;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.EventType;
import org.homeward.events.ReturnMode;
import org.homeward.events.Returned;
import org.homeward.events.TransferRequested;
import org.homeward.events.Transferred;

/**
 * The per-person state machine of docs/state-machine.md, in one table: for each event type, the states it is legal
 * in and the state it leads to. {@link #decide} never throws for a well-formed event: an illegal event is a rejected decision with a
 * reason, so that it is kept in the timeline rather than lost. docs/state-machine.md draws this table.
 */
public final class CaseStateMachine {

    static final Set<CaseState> NON_TERMINAL = EnumSet.of(REPORTED, IN_CUSTODY, INTENT_STATED, TRANSFER_PENDING,
            TRANSFERRED);
    static final Set<CaseState> ANY_BUT_CLOSED = EnumSet.complementOf(EnumSet.of(CLOSED, ERASED));
    /** Every state a case can still take an event in: nothing is taken after an erasure. */
    static final Set<CaseState> NOT_ERASED = EnumSet.complementOf(EnumSet.of(ERASED));
    static final Set<CaseState> ALIVE_OR_DECEASED = EnumSet.of(REPORTED, IN_CUSTODY, INTENT_STATED, TRANSFER_PENDING,
            TRANSFERRED, DECEASED);
    /** Where a stated intent moves the case to INTENT_STATED; in the other live states it is recorded only. */
    static final Set<CaseState> BEFORE_INTENT = EnumSet.of(REPORTED, IN_CUSTODY);

    /** Where an event may happen and where it leads; a null target leaves the state unchanged. */
    record Rule(Set<CaseState> legalFrom, CaseState target) {
    }

    static final Map<EventType, Rule> RULES = new EnumMap<>(Map.ofEntries(
            Map.entry(EventType.CAPTURED, new Rule(EnumSet.of(REPORTED), IN_CUSTODY)),
            // A stated intent is a claim accepted in every live state: it moves REPORTED and IN_CUSTODY to
            // INTENT_STATED (resolved in decide()) and elsewhere records the destination without moving the state, so
            // that a transfer that follows it is still judged against it.
            Map.entry(EventType.DEFECTION_INTENT_STATED, new Rule(NON_TERMINAL, null)),
            Map.entry(EventType.TRANSFER_REQUESTED, new Rule(EnumSet.of(IN_CUSTODY, INTENT_STATED), TRANSFER_PENDING)),
            Map.entry(EventType.TRANSFERRED,
                    new Rule(EnumSet.of(IN_CUSTODY, INTENT_STATED, TRANSFER_PENDING), TRANSFERRED)),
            Map.entry(EventType.RESETTLED, new Rule(EnumSet.of(TRANSFERRED), RESETTLED)),
            Map.entry(EventType.RETURNED, new Rule(NON_TERMINAL, RETURNED)),
            // A second death report (another source, another date) is another claim, never rejected: vitalStatus
            // weighs the claims (Vitals).
            Map.entry(EventType.DEATH_REPORTED, new Rule(ALIVE_OR_DECEASED, DECEASED)),
            Map.entry(EventType.CASE_CLOSED, new Rule(ANY_BUT_CLOSED, CLOSED)),
            // CASE_REOPENED returns to the state before closing: resolved in decide().
            Map.entry(EventType.CASE_REOPENED, new Rule(EnumSet.of(CLOSED), null)),
            Map.entry(EventType.LETTER_RECEIVED, new Rule(NON_TERMINAL, null)),
            Map.entry(EventType.PROOF_OF_LIFE, new Rule(NON_TERMINAL, null)),
            Map.entry(EventType.FAMILY_CONTACT, new Rule(NON_TERMINAL, null)),
            Map.entry(EventType.NOTE_ADDED, new Rule(NON_TERMINAL, null)),
            // Sharing is about who may see the case, not about the person: legal in every state, closed included, so
            // that a closed case can still be referred for documentation.
            Map.entry(EventType.CASE_SHARED, new Rule(NOT_ERASED, null)),
            Map.entry(EventType.CASE_UNSHARED, new Rule(NOT_ERASED, null)),
            // A retraction is judged by CaseLedger against the event it names and never enters the derivation: it is
            // legal wherever the case stands.
            Map.entry(EventType.EVENT_RETRACTED, new Rule(NOT_ERASED, null)),
            // An erasure ends the case whatever state it is in; CaseLedger takes it outside the derivation (it destroys
            // the case's key) and refuses every event after it.
            Map.entry(EventType.CASE_ERASED, new Rule(NOT_ERASED, ERASED))));

    /** Signs of life that, after DEATH_REPORTED, are kept as a conflict rather than rejected. */
    static final Set<EventType> SIGNS_OF_LIFE = EnumSet.of(EventType.PROOF_OF_LIFE, EventType.FAMILY_CONTACT,
            EventType.LETTER_RECEIVED);

    private CaseStateMachine() {
    }

    /** Reasons of rejections (the transition carries their ReasonCode). */
    public static final String NO_SUCH_CASE = "no case with this id has been opened";
    public static final String ALREADY_OPEN = "the case is already open";

    /**
     * Judges one event against the case as it stands ({@code facts}, null when no case has this id).
     *
     * @param occurredAt when the event happened, used where the payload has no date of its own
     */
    public static Decision decide(CaseFacts facts, CaseEventData data, Instant occurredAt) {
        EventType type = data.type();
        if (facts == null) {
            if (data instanceof CaseOpened opened) {
                CaseFacts opening = new CaseFacts(REPORTED, null, opened.category(), null, null, null);
                return Decision.applied(null, REPORTED, List.of(), null, opening);
            }
            return new Decision(org.homeward.events.TransitionStatus.REJECTED, null, null,
                    NO_SUCH_CASE, List.of(Alert.DATA_QUALITY), null);
        }
        CaseState state = facts.state();
        if (type == EventType.CASE_OPENED) {
            return rejected(facts, ALREADY_OPEN);
        }
        if (state == DECEASED && SIGNS_OF_LIFE.contains(type)) {
            // A sign of life after a death report is a claim like any other: applied, the state unchanged. Whether
            // it contradicts the death is judged on the dated claims (Vitals), whatever their order.
            return Decision.applied(DECEASED, DECEASED, List.of(), null, facts);
        }
        Rule rule = RULES.get(type);
        List<Alert> alerts = new ArrayList<>();
        String risk = repatriationRisk(facts, data, alerts);
        if (!rule.legalFrom().contains(state)) {
            List<Alert> all = new ArrayList<>(alerts);
            all.add(Alert.DATA_QUALITY);
            String reason = type + " is not legal in state " + state + " (legal in " + names(rule.legalFrom()) + ")";
            return new Decision(org.homeward.events.TransitionStatus.REJECTED, state, state,
                    join(reason, risk), all, facts);
        }
        CaseState target = type == EventType.CASE_REOPENED
                ? (facts.stateBeforeClose() == null ? REPORTED : facts.stateBeforeClose())
                : type == EventType.DEFECTION_INTENT_STATED ? (BEFORE_INTENT.contains(state) ? INTENT_STATED : state)
                : rule.target() == null ? state : rule.target();
        CaseFacts after = new CaseFacts(target,
                type == EventType.CASE_CLOSED ? state : type == EventType.CASE_REOPENED ? null : facts.stateBeforeClose(),
                facts.category(),
                data instanceof DefectionIntentStated intent ? intent.destination() : facts.statedDestination(),
                data instanceof DeathReported death ? earliest(facts.dateOfDeath(), dateOfDeath(death, occurredAt))
                        : facts.dateOfDeath(),
                data instanceof DeathReported && facts.deathReportedOn() == null ? day(occurredAt)
                        : facts.deathReportedOn());
        return Decision.applied(state, target, alerts, risk, after);
    }

    /** The rule for a type, for the documentation and the table test. */
    public static Set<CaseState> legalFrom(EventType type) {
        if (type == EventType.CASE_OPENED) {
            return Set.of();
        }
        return RULES.get(type).legalFrom();
    }

    /**
     * After the person stated an intent to go somewhere, a movement towards the party they are fleeing is a
     * forced-repatriation risk: a transfer (requested or done), or a return whose destination is that party (a
     * repatriation without a destination, for a person whose home is the North). The parties fled are North Korea for
     * everyone, and Russia too for North Korean prisoners of war, whom it would hand back. A movement to a party the
     * gazetteer does not know is flagged for a person to check. Adds the alerts and answers the reason (null if none).
     */
    private static String repatriationRisk(CaseFacts facts, CaseEventData data, List<Alert> alerts) {
        if (facts.statedDestination() == null) {
            return null;
        }
        Movement movement = Movement.of(data, facts.category());
        if (movement == null || (movement.to() != null && Party.same(movement.to(), facts.statedDestination()))) {
            return null;
        }
        Set<Party> fleeing = fleeing(facts.category());
        Set<Party> towards = movement.to() == null ? movement.home() : Party.named(movement.to());
        String intent = "the person stated intent to go to " + facts.statedDestination();
        if (towards.stream().anyMatch(fleeing::contains)) {
            alerts.add(Alert.FORCED_REPATRIATION_RISK);
            return "forced-repatriation risk: " + intent + ", and " + data.type() + " moves them towards "
                    + (movement.to() == null ? "home (" + names(towards) + ")" : movement.to());
        }
        if (towards.isEmpty() && movement.to() != null) {
            alerts.add(Alert.UNRECOGNISED_DESTINATION);
            return "unrecognised destination: " + intent + ", and the field /to of " + data.type()
                    + " names a party the gazetteer does not know; check it is not the party they flee";
        }
        return null;
    }

    /** The parties a person of this category flees. */
    static Set<Party> fleeing(Category category) {
        return category == Category.NORTH_KOREAN_POW ? EnumSet.of(Party.NORTH_KOREA, Party.RUSSIA)
                : EnumSet.of(Party.NORTH_KOREA);
    }

    /** A move of the person: where to, and where "home" is when no destination is given. */
    record Movement(String to, Set<Party> home) {

        static Movement of(CaseEventData data, Category category) {
            if (data instanceof Transferred transferred) {
                return new Movement(transferred.to(), Set.of());
            }
            if (data instanceof TransferRequested requested) {
                return new Movement(requested.to(), Set.of());
            }
            if (data instanceof Returned returned) {
                if (returned.to() != null) {
                    return new Movement(returned.to(), Set.of());
                }
                boolean northernHome = category == Category.NORTH_KOREAN_POW || category == Category.DEFECTOR;
                return returned.how() == ReturnMode.REPATRIATED && northernHome
                        ? new Movement(null, EnumSet.of(Party.NORTH_KOREA)) : null;
            }
            return null;
        }
    }

    private static String join(String reason, String more) {
        return more == null ? reason : reason == null ? more : reason + "; " + more;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Decision rejected(CaseFacts facts, String reason) {
        return Decision.rejected(facts, reason);
    }

    private static LocalDate dateOfDeath(DeathReported death, Instant occurredAt) {
        return death.dateOfDeath() != null ? death.dateOfDeath() : day(occurredAt);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().sorted(java.util.Comparator.comparingInt(Enum::ordinal)).map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
