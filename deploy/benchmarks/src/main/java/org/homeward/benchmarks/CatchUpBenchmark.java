package org.homeward.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.Topics;
import org.homeward.stack.Infrastructure;
import org.homeward.stack.LocalSystem;
import org.homeward.stack.HomewardService;

/**
 * How fast the case service works through a backlog of {@code case-events}: the system catching up after an outage,
 * or a partner's historical import. The case service alone (intake and the notification service are stopped, so
 * they take none of the cores), on the embedded Kafka and PostgreSQL.
 *
 * <p>A warm-up backlog ({@code --warmup-cases}, not measured) lets the JIT compile the service's path. Then
 * {@code --cases} cases of {@code --events-per-case} events each (an opening, a capture, a stated intent, then
 * letters, proofs of life, family contacts and notes, each an hour after the one before) are published as fast as
 * the producer goes, the cases interleaved as partners' reports arrive, and the benchmark waits until every event
 * has its timeline entry and the outbox is empty (every transition published). Printed: events/s from the first send
 * until every event is applied (within the tenth of a second the benchmark polls at); the CPU per event of the case service, of PostgreSQL and of this JVM (producer and embedded
 * broker); and, on the same PostgreSQL in the same run, {@link PipelineBenchmarkAnchor}'s one event per transaction
 * (insert + update) at 1 and 4 clients, with the ratio. Records are published in clear (the case service still reads
 * records written before sealing); a sealed record costs one AES-GCM open more.
 *
 * <p>Run: {@code ./homeward bench CatchUpBenchmark [--cases 1000] [--events-per-case 20] [--warmup-cases 300]
 * [--anchor-seconds 10]}.
 */
public final class CatchUpBenchmark {

    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final LocalSystem system;
    private final Path dataDir;
    private final PrintStream out;
    private final StringBuilder lines = new StringBuilder();

    private CatchUpBenchmark(LocalSystem system, Path dataDir, PrintStream out) {
        this.system = system;
        this.dataDir = dataDir;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int cases = PipelineBenchmark.intArg(args, "--cases", 1000);
        int perCase = PipelineBenchmark.intArg(args, "--events-per-case", 20);
        int warmupCases = PipelineBenchmark.intArg(args, "--warmup-cases", 300);
        int anchorSeconds = PipelineBenchmark.intArg(args, "--anchor-seconds", 10);
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        Path dataDir = root.resolve("deploy/benchmarks/target/catch-up-benchmark");
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.forBenchmarks(root, dataDir), out)) {
            system.stopService(HomewardService.NOTIFICATION);
            system.stopService(HomewardService.INTAKE);
            new CatchUpBenchmark(system, dataDir, out).run(cases, perCase, warmupCases, anchorSeconds);
        }
    }

    private void run(int cases, int perCase, int warmupCases, int anchorSeconds) throws Exception {
        String loadStart = ProcessCpu.loadAverage();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                system.infrastructure().kafkaBootstrapServers(), "acks", "all", "linger.ms", "5"),
                new StringSerializer(), new ByteArraySerializer())) {
            out.printf(Locale.ROOT, "Warming up: %d cases of %d events (not measured) ...%n", warmupCases, perCase);
            long expected = publish(producer, warmupCases, perCase);
            awaitCaughtUp(expected);

            out.printf(Locale.ROOT, "Backlog: %d cases of %d events ...%n", cases, perCase);
            Map<String, Long> before = cpuTicks();
            long started = System.nanoTime();
            expected += publish(producer, cases, perCase);
            long published = System.nanoTime();
            long[] caughtUp = awaitCaughtUp(expected);
            long applied = caughtUp[0];
            long done = caughtUp[1];
            long events = (long) cases * perCase;
            String cpu = ProcessCpu.perEvent(before, cpuTicks(), events, true);
            String loadBacklog = ProcessCpu.loadAverage();
            double rate = events / ((applied - started) / 1e9);

            PipelineBenchmarkAnchor.Run anchor = PipelineBenchmarkAnchor.measure(system.infrastructure(),
                    anchorSeconds, out);
            Measurements anchor1 = anchor.oneClient();
            Measurements anchor4 = anchor.fourClients();
            String settings = anchor.settings();

            Measurements.report("CatchUpBenchmark", out, anchor1, anchor4);
            note("backlog: %d events (%d cases x %d) published in %.1f s; every event applied %.1f s after the first"
                    + " send, every transition published %.1f s after it", events, cases, perCase,
                    (published - started) / 1e9, (applied - started) / 1e9, (done - started) / 1e9);
            note("case service catching up: %.1f events/s applied", rate);
            note("anchor (same PostgreSQL, same run): %.1f tx/s at 1 client, %.1f tx/s at 4 clients",
                    anchor1.perSecond(), anchor4.perSecond());
            note("ratio catch-up / anchor: %.3f at 1 client, %.3f at 4 clients", rate / anchor1.perSecond(),
                    rate / anchor4.perSecond());
            note("CPU per event (utime + stime from /proc/PID/stat, first send to every transition published): %s",
                    cpu);
            note("PostgreSQL: %s", settings);
            note("load average (/proc/loadavg): start %s | after the backlog %s | end %s", loadStart, loadBacklog,
                    ProcessCpu.loadAverage());
            note("options --cases %d --events-per-case %d --warmup-cases %d --anchor-seconds %d", cases, perCase,
                    warmupCases, anchorSeconds);
            Path file = Path.of("deploy", "benchmarks", "target", "benchmarks", "CatchUpBenchmark.txt");
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Publishes {@code cases} new cases' stories, interleaved; answers how many events were sent. */
    private long publish(KafkaProducer<String, byte[]> producer, int cases, int perCase) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int c = 0; c < cases; c++) {
            ids.add(UUID.randomUUID());
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < perCase; i++) {
            for (UUID caseId : ids) {
                CloudEvent<?> event = CloudEvent.caseEvent(UUID.randomUUID(), caseId, "urn:homeward:benchmark",
                        START.plus(Duration.ofHours(i)), now, "benchmark-org", "benchmark",
                        CaseDerivationBenchmark.history(i));
                sent.add(producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, caseId.toString(),
                        EventCodec.encode(event))));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> ack : sent) {
            ack.get();
        }
        return sent.size();
    }

    /**
     * Waits until the case service stored {@code entries} timeline entries (every event applied or rejected, and
     * committed), then until its outbox is empty (every transition published); answers {@link System#nanoTime} at
     * each.
     */
    private long[] awaitCaughtUp(long entries) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        long applied = 0;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                if (applied == 0 && count(s, "select count(*) from timeline_entries") >= entries) {
                    applied = System.nanoTime();
                }
                if (applied != 0 && count(s, "select count(*) from outbox") == 0) {
                    return new long[] {applied, System.nanoTime()};
                }
                Thread.sleep(100); // polling the database: a tenth of a second is the benchmark's resolution
            }
        }
        throw new IllegalStateException("the case service did not catch up within " + LIMIT);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        Infrastructure infrastructure = system.infrastructure();
        return DriverManager.getConnection(infrastructure.jdbcUrl(HomewardService.CASE.database().orElseThrow()),
                infrastructure.databaseUser(), infrastructure.databasePassword());
    }

    /** CPU ticks so far of the case service, of PostgreSQL and of this JVM (producer and embedded broker). */
    private Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("case-service", ProcessCpu.ticks(system.services().get(HomewardService.CASE).pid()));
        ticks.put("postgresql", ProcessCpu.postgresTicks(dataDir));
        ticks.put("benchmark+kafka", ProcessCpu.ticks(ProcessHandle.current().pid()));
        return ticks;
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        out.println(line);
        lines.append(line).append('\n');
    }
}
