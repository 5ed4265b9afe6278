package org.homeward.cases.lifecycle.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.homeward.events.Alert;
import org.homeward.events.CaseClosed;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseReopened;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.ContactKind;
import org.homeward.events.DeathReported;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.FamilyContact;
import org.homeward.events.IntentMethod;
import org.homeward.events.LetterReceived;
import org.homeward.events.NoteAdded;
import org.homeward.events.ProofOfLife;
import org.homeward.events.Resettled;
import org.homeward.events.ReturnMode;
import org.homeward.events.Returned;
import org.homeward.events.TransferRequested;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Transferred;

/**
 * Properties of the derivation over random histories: random events with random dates (distinct, so that arrival
 * order never breaks a tie) taken in random arrival orders, the way CaseLedger takes them ({@link Histories}: extended
 * from the stored facts when an event falls last, derived again from every event otherwise).
 */
class DerivationProperties {

    /** Where people are sent, in spellings of the fled party, of safe parties, and unknown ones. */
    private static final List<String> PARTIES = List.of("North Korea", "Pyongyang", "КНДР", "북한", "Korea, DPRK",
            "Russia", "Moscow", "South Korea", "Seoul", "대한민국", "Ukraine", "Camp 7");
    private static final Set<String> FLED_BY_EVERYONE = Set.of("North Korea", "Pyongyang", "КНДР", "북한",
            "Korea, DPRK");

    /** A history: the case's category, its opening and events, and a seed for arrival orders. */
    record History(Category category, Derivation.Event opening, List<Derivation.Event> events, long seed) {

        List<Derivation.Event> all() {
            List<Derivation.Event> all = new ArrayList<>();
            all.add(opening);
            all.addAll(events);
            return all;
        }

        /** The events in a random arrival order; the opening first, as Kafka keeps one case's events in order. */
        List<Derivation.Event> arrivals(long salt) {
            List<Derivation.Event> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed ^ salt));
            shuffled.add(0, opening);
            return shuffled;
        }
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Category> categories = Arbitraries.of(Category.NORTH_KOREAN_POW, Category.DEFECTOR,
                Category.SOUTH_KOREAN_POW, Category.WAR_ABDUCTEE);
        Arbitrary<List<CaseEventData>> payloads = payload().list().ofMinSize(1).ofMaxSize(14);
        return Combinators.combine(categories, payloads, Arbitraries.longs(), Arbitraries.longs()).as(
                (category, data, seed, dateSeed) -> {
                    Random random = new Random(dateSeed);
                    List<Integer> days = random.ints(0, 2_500).distinct().limit(data.size()).boxed().toList();
                    List<Derivation.Event> events = new ArrayList<>();
                    for (int i = 0; i < data.size(); i++) {
                        events.add(Histories.event(data.get(i),
                                Instant.parse("2019-01-01T00:00:00Z").plusSeconds(86_400L * days.get(i))));
                    }
                    return new History(category, Histories.opening(category), events, seed);
                });
    }

    private static Arbitrary<CaseEventData> payload() {
        Arbitrary<String> party = Arbitraries.of(PARTIES);
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 2_500)
                .map(d -> LocalDate.of(2019, 1, 1).plusDays(d));
        return Arbitraries.oneOf(
                Arbitraries.just(new Captured("Ukraine", "Kursk")),
                Arbitraries.of("South Korea", "대한민국", "Seoul")
                        .map(to -> new DefectionIntentStated(to, IntentMethod.LETTER, null)),
                party.map(to -> new TransferRequested("ICRC", to)),
                party.map(to -> new Transferred("Ukraine", to)),
                Combinators.combine(Arbitraries.of(ReturnMode.class), party.injectNull(0.4)).as(Returned::new),
                Arbitraries.just(new Resettled("Seoul")),
                day.injectNull(0.2).map(d -> new DeathReported("KCNA", d)),
                day.injectNull(0.2).map(d -> new ProofOfLife("Red Cross", d)),
                day.map(d -> new LetterReceived("him", "NGO", d, null, "ko", null, null)),
                Arbitraries.just(new FamilyContact(ContactKind.VIDEO_REUNION, "sister")),
                Arbitraries.just(new NoteAdded("called")),
                Arbitraries.just(new CaseClosed("no news")),
                Arbitraries.just(new CaseReopened("news")));
    }

    @Property(tries = 300)
    void anyArrivalOrderOfTheSameEventsGivesTheSameCase(@ForAll("histories") History history) {
        Histories.Outcome atOnce = Histories.derivedAtOnce(history.all());
        for (long salt = 1; salt <= 3; salt++) {
            Histories.Outcome taken = new Histories().takeAll(history.arrivals(salt)).outcome();
            assertEquals(atOnce, taken, "arrival order " + salt);
        }
    }

    @Property(tries = 200)
    void duplicatesChangeNothing(@ForAll("histories") History history) {
        List<Derivation.Event> withDuplicates = new ArrayList<>(history.arrivals(7));
        withDuplicates.addAll(history.arrivals(11)); // every event again, in another order
        assertEquals(new Histories().takeAll(history.arrivals(7)).outcome(),
                new Histories().takeAll(withDuplicates).outcome());
    }

    @Property(tries = 300)
    void retractingAnEventGivesTheCaseThatNeverReceivedIt(@ForAll("histories") History history,
            @ForAll("indexes") int pick) {
        Derivation.Event retracted = history.events().get(pick % history.events().size());
        Histories withRetraction = new Histories().takeAll(history.arrivals(5)).retract(retracted.eventId());
        List<Derivation.Event> without = new ArrayList<>(history.arrivals(5));
        without.remove(retracted);
        assertEquals(new Histories().takeAll(without).outcome(), withRetraction.outcome());
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 1_000);
    }

    @Property(tries = 500)
    void everyMoveTowardsTheNorthAfterAStatedIntentCarriesTheAlert(@ForAll("histories") History history) {
        Histories taken = new Histories().takeAll(history.arrivals(3));
        Derivation.Result derived = Derivation.derive(history.all());
        boolean intentStated = false;
        for (Derivation.Event event : history.all().stream().sorted(Derivation.ORDER).toList()) {
            Derivation.Judgement judgement = derived.judgements().get(event.eventId());
            if (event.data() instanceof DefectionIntentStated && judgement.status() == TransitionStatus.APPLIED) {
                intentStated = true;
            }
            String to = event.data() instanceof Transferred t ? t.to()
                    : event.data() instanceof TransferRequested r ? r.to()
                    : event.data() instanceof Returned r && r.how() == ReturnMode.REPATRIATED ? r.to() : null;
            if (intentStated && to != null && FLED_BY_EVERYONE.contains(to)) {
                assertTrue(judgement.alerts().contains(Alert.FORCED_REPATRIATION_RISK), event + " to " + to);
                assertTrue(taken.hasConflict(Alert.FORCED_REPATRIATION_RISK, event.eventId()),
                        "whatever the arrival order: " + event);
            }
        }
    }

}
