package org.homeward.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseTransition;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.ContactKind;
import org.homeward.events.DefectionIntentStated;
import org.homeward.events.EventCodec;
import org.homeward.events.FamilyContact;
import org.homeward.events.IntentMethod;
import org.homeward.events.LetterReceived;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.homeward.events.ProofOfLife;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;

/**
 * How quickly a case with a long history takes an event, in order and late.
 *
 * <p>Opens one case and gives it {@code events} events (default 1,000: letters, proofs of life, family contacts and
 * notes, an hour apart) through {@code case-events}, as intake publishes them. Then, one at a time, it publishes
 * {@value #MEASURED} events that happened after all the others (the anchor: the case is extended from its stored facts)
 * and {@value #MEASURED} events that happened somewhere in the middle of the history (late reports: every event of
 * the case is read, opened and judged again), and times each from publishing until its transition is on
 * {@code case-transitions} (the case service's transaction, the outbox relay and both Kafka hops included). The ratio
 * of the two is the cost of deriving a 1,000-event case again.
 *
 * <p>Run: {@code ./homeward bench CaseDerivationBenchmark [events]}.
 */
public final class CaseDerivationBenchmark {

    static final int MEASURED = 50;
    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.forBenchmarks(root,
                root.resolve("deploy/benchmarks/target/case-derivation-benchmark")), out)) {
            system.stopService(HomewardService.NOTIFICATION);
            system.stopService(HomewardService.INTAKE);
            String kafka = system.infrastructure().kafkaBootstrapServers();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka,
                    "acks", "all", "linger.ms", "5"), new StringSerializer(), new ByteArraySerializer());
                 KafkaConsumer<String, byte[]> transitions = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                         "enable.auto.commit", "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = transitions.partitionsFor(Topics.CASE_TRANSITIONS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                transitions.assign(partitions);
                transitions.seekToEnd(partitions);
                partitions.forEach(transitions::position);

                UUID caseId = UUID.randomUUID();
                Random random = new Random(20261201L);
                Instant seeding = Instant.now();
                UUID last = null;
                for (int i = 0; i < events; i++) {
                    last = send(producer, caseId, history(i), START.plus(Duration.ofHours(i)));
                }
                producer.flush();
                awaitTransition(transitions, last, Duration.ofMinutes(30));
                out.printf(Locale.ROOT, "Seeded a case with %d events in %d s%n", events,
                        Duration.between(seeding, Instant.now()).toSeconds());

                Measurements inOrder = new Measurements("event after all others (" + events + " events)");
                Measurements late = new Measurements("late event, case derived again (" + events + "+)");
                Instant end = START.plus(Duration.ofHours(events));
                Instant measuring = Instant.now();
                for (int i = 0; i < MEASURED; i++) {
                    time(producer, transitions, caseId, new NoteAdded("in order " + i),
                            end.plus(Duration.ofMinutes(i + 1)), inOrder);
                    time(producer, transitions, caseId, new NoteAdded("late " + i),
                            START.plus(Duration.ofMinutes(30 + 60L * random.nextInt(events))), late);
                }
                // One event at a time, alternating: each kind had about half of the wall clock.
                Duration half = Duration.between(measuring, Instant.now()).dividedBy(2);
                inOrder.wallClock(half);
                late.wallClock(half);
                Measurements.report("CaseDerivationBenchmark", out, inOrder, late);
                out.printf(Locale.ROOT, "late / in order, p50: %.1f x%n",
                        late.percentileMillis(50) / inOrder.percentileMillis(50));
            }
        }
    }

    /** The i-th event of the seeded history: opened, captured, an intent, then claims and notes. */
    static CaseEventData history(int i) {
        if (i == 0) {
            return new CaseOpened(Category.NORTH_KOREAN_POW, new Person("리광철", List.of("Ri Gwang-cheol"), 2000,
                    null, null), "Kursk oblast", LocalDate.of(2020, 1, 1));
        }
        if (i == 1) {
            return new Captured("Ukraine", "Kursk front");
        }
        if (i == 2) {
            return new DefectionIntentStated("South Korea", IntentMethod.INTERVIEW, null);
        }
        LocalDate day = LocalDate.of(2020, 1, 1).plusDays(i / 24);
        return switch (i % 4) {
            case 0 -> new LetterReceived("the soldier", "a defector organisation", day, day, "ko",
                    "asks to be sent to South Korea", "doc-" + i);
            case 1 -> new ProofOfLife("Red Cross visit", day);
            case 2 -> new FamilyContact(ContactKind.MAIL, "mother");
            default -> new NoteAdded("called the ministry, no news (" + i + ")");
        };
    }

    private static void time(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> transitions,
            UUID caseId, CaseEventData data, Instant occurredAt, Measurements into) throws Exception {
        long started = System.nanoTime();
        UUID eventId = send(producer, caseId, data, occurredAt);
        awaitTransition(transitions, eventId, Duration.ofMinutes(2));
        into.record(System.nanoTime() - started);
    }

    private static UUID send(KafkaProducer<String, byte[]> producer, UUID caseId, CaseEventData data,
            Instant occurredAt) throws Exception {
        UUID eventId = UUID.randomUUID();
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(eventId, caseId, "urn:homeward:benchmark", occurredAt,
                Instant.now(), "benchmark-org", "benchmark", data);
        producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, caseId.toString(), EventCodec.encode(event))).get();
        return eventId;
    }

    private static void awaitTransition(KafkaConsumer<String, byte[]> transitions, UUID eventId, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : transitions.poll(Duration.ofMillis(50))) {
                CaseTransition t = EventCodec.decodeTransition(record.value()).data();
                if (eventId.equals(t.eventId())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("no transition for event " + eventId + " within " + limit);
    }
}
