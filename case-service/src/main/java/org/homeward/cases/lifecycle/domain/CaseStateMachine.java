package org.homeward.cases.lifecycle.domain;

import static org.homeward.events.CaseState.CLOSED;
import static org.homeward.events.CaseState.DECEASED;
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
import java.util.Arrays;
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
import org.homeward.events.LetterReceived;
import org.homeward.events.ProofOfLife;
import org.homeward.events.TransferRequested;
import org.homeward.events.Transferred;

/**
 * The per-person state machine of SPEC.md, in one table: for each event type, the states it is legal in and the state
 * it leads to. {@link #decide} never throws for a well-formed event: an illegal event is a rejected decision with a
 * reason, so that it is kept in the timeline rather than lost. docs/state-machine.md draws this table.
 */
public final class CaseStateMachine {

    static final Set<CaseState> NON_TERMINAL = EnumSet.of(REPORTED, IN_CUSTODY, INTENT_STATED, TRANSFER_PENDING,
            TRANSFERRED);
    static final Set<CaseState> ANY_BUT_CLOSED = EnumSet.complementOf(EnumSet.of(CLOSED));

    /** Where an event may happen and where it leads; a null target leaves the state unchanged. */
    record Rule(Set<CaseState> legalFrom, CaseState target) {
    }

    static final Map<EventType, Rule> RULES = new EnumMap<>(Map.ofEntries(
            Map.entry(EventType.CAPTURED, new Rule(EnumSet.of(REPORTED), IN_CUSTODY)),
            Map.entry(EventType.DEFECTION_INTENT_STATED, new Rule(EnumSet.of(REPORTED, IN_CUSTODY), INTENT_STATED)),
            Map.entry(EventType.TRANSFER_REQUESTED, new Rule(EnumSet.of(IN_CUSTODY, INTENT_STATED), TRANSFER_PENDING)),
            Map.entry(EventType.TRANSFERRED,
                    new Rule(EnumSet.of(IN_CUSTODY, INTENT_STATED, TRANSFER_PENDING), TRANSFERRED)),
            Map.entry(EventType.RESETTLED, new Rule(EnumSet.of(TRANSFERRED), RESETTLED)),
            Map.entry(EventType.RETURNED, new Rule(NON_TERMINAL, RETURNED)),
            Map.entry(EventType.DEATH_REPORTED, new Rule(NON_TERMINAL, DECEASED)),
            Map.entry(EventType.CASE_CLOSED, new Rule(ANY_BUT_CLOSED, CLOSED)),
            // CASE_REOPENED returns to the state before closing: resolved in decide().
            Map.entry(EventType.CASE_REOPENED, new Rule(EnumSet.of(CLOSED), null)),
            Map.entry(EventType.LETTER_RECEIVED, new Rule(NON_TERMINAL, null)),
            Map.entry(EventType.PROOF_OF_LIFE, new Rule(NON_TERMINAL, null)),
            Map.entry(EventType.FAMILY_CONTACT, new Rule(NON_TERMINAL, null)),
            Map.entry(EventType.NOTE_ADDED, new Rule(NON_TERMINAL, null)),
            // Sharing is about who may see the case, not about the person: legal in every state, closed included, so
            // that a closed case can still be referred for documentation.
            Map.entry(EventType.CASE_SHARED, new Rule(EnumSet.allOf(CaseState.class), null)),
            Map.entry(EventType.CASE_UNSHARED, new Rule(EnumSet.allOf(CaseState.class), null))));

    /** Signs of life that, after DEATH_REPORTED, are kept as a conflict rather than rejected. */
    static final Set<EventType> SIGNS_OF_LIFE = EnumSet.of(EventType.PROOF_OF_LIFE, EventType.FAMILY_CONTACT,
            EventType.LETTER_RECEIVED);

    private CaseStateMachine() {
    }

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
                    "no case with this id has been opened", List.of(Alert.DATA_QUALITY), null);
        }
        CaseState state = facts.state();
        if (type == EventType.CASE_OPENED) {
            return rejected(facts, "the case is already open");
        }
        if (state == DECEASED && SIGNS_OF_LIFE.contains(type)) {
            return signOfLifeAfterDeath(facts, data, occurredAt);
        }
        Rule rule = RULES.get(type);
        List<Alert> alerts = repatriationRisk(facts, data);
        if (!rule.legalFrom().contains(state)) {
            List<Alert> all = new ArrayList<>(alerts);
            all.add(Alert.DATA_QUALITY);
            String reason = type + " is not legal in state " + state + " (legal in " + names(rule.legalFrom()) + ")";
            return new Decision(org.homeward.events.TransitionStatus.REJECTED, state, state,
                    withRisk(reason, alerts, facts), all, facts);
        }
        CaseState target = type == EventType.CASE_REOPENED
                ? (facts.stateBeforeClose() == null ? REPORTED : facts.stateBeforeClose())
                : rule.target() == null ? state : rule.target();
        CaseFacts after = new CaseFacts(target,
                type == EventType.CASE_CLOSED ? state : type == EventType.CASE_REOPENED ? null : facts.stateBeforeClose(),
                facts.category(),
                data instanceof DefectionIntentStated intent ? intent.destination() : facts.statedDestination(),
                data instanceof DeathReported death ? dateOfDeath(death, occurredAt) : facts.dateOfDeath(),
                data instanceof DeathReported ? day(occurredAt) : facts.deathReportedOn());
        return Decision.applied(state, target, alerts, withRisk(null, alerts, facts), after);
    }

    /** The rule for a type, for the documentation and the table test. */
    public static Set<CaseState> legalFrom(EventType type) {
        if (type == EventType.CASE_OPENED) {
            return Set.of();
        }
        return RULES.get(type).legalFrom();
    }

    private static Decision signOfLifeAfterDeath(CaseFacts facts, CaseEventData data, Instant occurredAt) {
        LocalDate death = facts.dateOfDeath();
        LocalDate sign;
        if (data instanceof LetterReceived letter) {
            sign = letter.writtenOn();
        } else if (data instanceof ProofOfLife proof && proof.observedOn() != null) {
            sign = proof.observedOn();
        } else {
            sign = day(occurredAt);
        }
        boolean conflict = sign != null && (death == null || sign.isAfter(death));
        if (!conflict) {
            // A letter written before the death reached a partner later: part of the record, not a conflict.
            return Decision.applied(DECEASED, DECEASED, List.of(), null, facts);
        }
        String reason = "the person was reported dead" + (death == null ? "" : " on " + death)
                + ", but this " + data.type() + " shows them alive on " + sign;
        return Decision.applied(DECEASED, DECEASED, List.of(Alert.LIFE_AFTER_DEATH), reason, facts);
    }

    /**
     * After the person stated an intent to go somewhere, a transfer (requested or done) to the party they are
     * fleeing is a forced-repatriation risk: North Korea for everyone, and Russia too for North Korean prisoners of
     * war, whom it would hand back.
     */
    private static List<Alert> repatriationRisk(CaseFacts facts, CaseEventData data) {
        String to = data instanceof Transferred transferred ? transferred.to()
                : data instanceof TransferRequested requested ? requested.to() : null;
        if (to == null || facts.statedDestination() == null || Party.same(to, facts.statedDestination())) {
            return List.of();
        }
        Set<Party> fleeing = facts.category() == Category.NORTH_KOREAN_POW
                ? EnumSet.of(Party.NORTH_KOREA, Party.RUSSIA)
                : EnumSet.of(Party.NORTH_KOREA);
        return Party.recognise(to).filter(fleeing::contains).isPresent()
                ? List.of(Alert.FORCED_REPATRIATION_RISK) : List.of();
    }

    private static String withRisk(String reason, List<Alert> alerts, CaseFacts facts) {
        if (!alerts.contains(Alert.FORCED_REPATRIATION_RISK)) {
            return reason;
        }
        String risk = "forced-repatriation risk: the person stated intent to go to " + facts.statedDestination();
        return reason == null ? risk : reason + "; " + risk;
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

    private static String names(Set<CaseState> states) {
        return Arrays.stream(CaseState.values()).filter(states::contains).map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
