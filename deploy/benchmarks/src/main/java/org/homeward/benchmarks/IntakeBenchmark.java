package org.homeward.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardService;
import org.homeward.stack.Infrastructure;
import org.homeward.stack.LocalSystem;

/**
 * Single-event intake against the real broker and PostgreSQL, on a throwaway system that runs intake alone (Kafka and
 * PostgreSQL embedded, intake packaged with {@code -Xmx512m -XX:+UseParallelGC}; the case and notification services
 * are not started, so nothing else takes the machine's cores). Everything on loopback.
 *
 * <ol>
 * <li><b>Warm-up</b> ({@code --warmup-seconds}, not measured): keyed and plain requests in turn, until the JIT of
 * intake and of the broker has settled (a short warm-up charges their compilations to the first phase measured).</li>
 * <li><b>Saturated</b>: {@code --connections} keep-alive HTTP/1.1 connections in closed loop, each
 * {@code POST /api/v1/cases/{id}/events} of one NOTE_ADDED, without a key, then with a fresh
 * {@code Idempotency-Key} (as partners send them): accepted events/s, latency per request.</li>
 * <li><b>Paced</b>: {@code --rate} keyed events/s offered for {@code --seconds}, open loop: each request has a due
 * time, goes out on one of {@code --paced-connections} connections when it is due, and its latency runs from when
 * it was due, not from when a connection was free (no coordinated omission: a stall shows in every request due
 * during it).</li>
 * <li><b>Anchors</b>, on the same broker and PostgreSQL, in the same run, once intake is idle: Kafka's own producer
 * (kafka-clients, the settings of intake's {@code ReliableProducer}: {@code acks=all}, idempotent, 5 in flight,
 * the same linger) with {@code --connections} threads each sending one record of an event's size and waiting for its
 * acknowledgement, as a single-event request does; the same producer pipelined from one thread (the broker's
 * ceiling); and single-row insert transactions through JDBC ({@code --connections} clients, autocommit, like
 * {@code pgbench} with a one-line insert script). The ratios intake / anchor are printed.</li>
 * </ol>
 * A 202 is counted only when it came: every counted event was acknowledged by the broker. Each phase prints the load
 * average ({@code /proc/loadavg}) and the CPU time each process spent per event (intake; this JVM, which holds the
 * load generator and the embedded broker; PostgreSQL). Lines are appended to
 * {@code deploy/benchmarks/target/benchmarks/IntakeBenchmark.txt}.
 *
 * <p>{@code ./homeward bench IntakeBenchmark [--connections 32] [--events 20000] [--rate 500] [--seconds 20]
 * [--paced-connections 64] [--anchor-seconds 10] [--warmup-seconds 40]}. Extra JVM options for intake (a profiler, say):
 * {@code -Dhomeward.bench.service-jvm="-XX:StartFlightRecording=..."}.
 */
public final class IntakeBenchmark {

    private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(120);
    private static final String ANCHOR_TOPIC = "intake-benchmark-anchor";
    private static final String ANCHOR_DATABASE = "intake_anchor";

    private final LocalSystem system;
    private final URI intake;
    private final String bearer;
    private final Map<String, Integer> options;
    private final Path dataDir;
    private final StringBuilder report = new StringBuilder();

    private IntakeBenchmark(LocalSystem system, Path dataDir, Map<String, Integer> options) {
        this.system = system;
        this.dataDir = dataDir;
        this.intake = system.baseUrl(HomewardService.INTAKE);
        this.bearer = system.token("benchmark-org", "benchmark", "reporter");
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new TreeMap<>(Map.of("connections", 32, "events", 20_000, "rate", 500,
                "seconds", 20, "paced-connections", 64, "anchor-seconds", 10, "warmup-seconds", 40));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(name, Integer.parseInt(args[i + 1].replace("_", "")));
        }
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        Path dataDir = root.resolve("deploy/benchmarks/target/intake-benchmark");
        LocalSystem.Options all = LocalSystem.Options.forBenchmarks(root, dataDir);
        List<String> jvm = all.jvmOptions(); // homeward.bench.service-jvm adds to them (a profiler)
        LocalSystem.Options intakeOnly = new LocalSystem.Options(root, dataDir, all.stackPorts(),
                Map.of(HomewardService.INTAKE, all.servicePorts().get(HomewardService.INTAKE)), jvm, true,
                all.smtpPort());
        System.out.println("Starting a throwaway Kafka, PostgreSQL and intake-service (" + jvm + ") ...");
        try (LocalSystem system = LocalSystem.start(intakeOnly, System.out)) {
            new IntakeBenchmark(system, dataDir, options).run();
        }
    }

    private void run() throws Exception {
        int connections = options.get("connections");
        int events = options.get("events");
        note("options %s; load average at start %s", options, ProcessCpu.loadAverage());
        List<String> cases = new ArrayList<>();
        try (HttpConnection http = new HttpConnection(intake)) {
            for (int i = 0; i < 200; i++) {
                cases.add(open(http));
            }
        }
        // Warm-up: the JIT of intake and of the broker (whose compilations, unfinished, would be charged to the
        // first phase measured), pools, producer metadata; not measured. Keyed and plain requests in turn.
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.get("warmup-seconds"));
        int warmed = 0;
        while (System.nanoTime() < warmUntil) {
            warmed += saturated("warm-up", cases, 2_000, connections, true).count();
            warmed += saturated("warm-up", cases, 2_000, connections, false).count();
        }
        note("warm-up: %d events in %d s; load average after it %s", warmed, options.get("warmup-seconds"),
                ProcessCpu.loadAverage());

        Measurements plain = saturated("saturated, no key, " + connections + " conns", cases, events, connections,
                false);
        Measurements keyed = saturated("saturated, keyed, " + connections + " conns", cases, events, connections,
                true);
        Measurements paced = paced(cases);
        Measurements batches = batches(cases, Math.max(20, events / 200));

        Measurements kafkaSync;
        Measurements kafkaPipelined;
        Measurements postgres;
        Map<String, Long> before = cpuTicks();
        int eventSize = sampleEventSize(cases.get(0));
        kafkaSync = kafkaAnchor(connections, eventSize);
        kafkaPipelined = kafkaPipelined(eventSize);
        postgres = postgresAnchor(connections);
        note("anchors: CPU %s (all three anchors together)", cpuSpent(before, cpuTicks()));
        note("load average after anchors %s", ProcessCpu.loadAverage());

        note("ratio saturated keyed intake / Kafka producer, %d threads each awaiting its ack: %.3f", connections,
                keyed.perSecond() / kafkaSync.perSecond());
        note("ratio saturated keyed intake / PostgreSQL single-row insert tx, %d clients: %.3f", connections,
                keyed.perSecond() / postgres.perSecond());
        note("targets (issue 14, point 2): saturated single events >= 2,000/s: %s (%.0f/s keyed, %.0f/s no key); "
                + "p99 < 50 ms at %d/s offered: %s (p99 %.1f ms)", keyed.perSecond() >= 2_000 ? "met" : "NOT met",
                keyed.perSecond(), plain.perSecond(), options.get("rate"),
                paced.percentileMillis(99) < 50 ? "met" : "NOT met", paced.percentileMillis(99));
        System.out.print(report);
        Measurements.report("IntakeBenchmark", System.out, plain, keyed, paced, batches, kafkaSync, kafkaPipelined,
                postgres);
        Path file = Path.of("deploy", "benchmarks", "target", "benchmarks", "IntakeBenchmark.txt");
        Files.writeString(file, report, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        report.append("  ").append(line).append('\n');
    }

    private String open(HttpConnection http) throws IOException {
        HttpConnection.Response response = http.post("/api/v1/cases", bearer, """
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000}}""",
                UUID.randomUUID().toString());
        Matcher caseId = CASE_ID.matcher(response.body());
        if (response.status() != 202 || !caseId.find()) {
            throw new IllegalStateException("opening a case answered " + response.status());
        }
        return caseId.group(1);
    }

    /** {@code count} single events from {@code connections} closed-loop clients. */
    private Measurements saturated(String name, List<String> cases, int count, int connections, boolean keyed)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Measurements>> workers = new ArrayList<>();
        Map<String, Long> before = cpuTicks();
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements(name);
                try (HttpConnection http = new HttpConnection(intake)) {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                        long sent = System.nanoTime();
                        int status = send(http, cases, i, keyed);
                        if (status == 202) {
                            own.record(System.nanoTime() - sent);
                        } else {
                            refused.computeIfAbsent(status, s -> new LongAdder()).increment();
                        }
                    }
                }
                return own;
            }));
        }
        Measurements all = new Measurements(name);
        for (Future<Measurements> worker : workers) {
            all.merge(worker.get());
        }
        all.wallClock(Duration.ofNanos(System.nanoTime() - start));
        pool.shutdown();
        if (!name.equals("warm-up")) {
            note("%s: %s; CPU per event %s; load average %s", name, all.line().trim(),
                    ProcessCpu.perEvent(before, cpuTicks(), all.count(), false), ProcessCpu.loadAverage());
        }
        if (!refused.isEmpty()) {
            note("%s: answers other than 202: %s", name, refused);
        }
        return all;
    }

    /**
     * {@code --rate} keyed events a second for {@code --seconds}, open loop: a scheduler hands each request to the
     * connections when it is due; latency is measured from the due time.
     */
    private Measurements paced(List<String> cases) throws Exception {
        int rate = options.get("rate");
        int seconds = options.get("seconds");
        int connections = options.get("paced-connections");
        int total = rate * seconds;
        String name = "paced " + rate + "/s, keyed, open loop";
        LinkedBlockingQueue<long[]> due = new LinkedBlockingQueue<>();
        Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Measurements>> workers = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements(name);
                try (HttpConnection http = new HttpConnection(intake)) {
                    while (true) {
                        long[] request = due.take();
                        if (request[0] < 0) {
                            return own;
                        }
                        int status = send(http, cases, (int) request[0], true);
                        if (status == 202) {
                            own.record(System.nanoTime() - request[1]);
                        } else {
                            refused.computeIfAbsent(status, s -> new LongAdder()).increment();
                        }
                    }
                }
            }));
        }
        Map<String, Long> before = cpuTicks();
        long[] gcBefore = gc();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long interval = 1_000_000_000L / rate;
        int maxQueued = 0;
        for (int i = 0; i < total; i++) {
            long at = start + i * interval;
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            due.add(new long[] {i, at});
            maxQueued = Math.max(maxQueued, due.size());
        }
        for (int t = 0; t < connections; t++) {
            due.add(new long[] {-1, 0});
        }
        Measurements all = new Measurements(name);
        for (Future<Measurements> worker : workers) {
            all.merge(worker.get(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS));
        }
        all.wallClock(Duration.ofNanos(System.nanoTime() - start));
        pool.shutdown();
        long[] gcAfter = gc();
        note("%s: %s (latency from each request's due time); offered %d, at most %d due requests waited for a "
                        + "connection; CPU per event %s; this JVM (load generator and broker) spent %d ms in %d "
                        + "collections; load average %s", name, all.line().trim(), total, maxQueued,
                ProcessCpu.perEvent(before, cpuTicks(), all.count(), false), gcAfter[1] - gcBefore[1],
                gcAfter[0] - gcBefore[0], ProcessCpu.loadAverage());
        if (!refused.isEmpty()) {
            note("%s: answers other than 202: %s", name, refused);
        }
        return all;
    }

    /** Batches of 100 events over 100 cases, 2 clients, keyed: for comparison with single events. */
    private Measurements batches(List<String> cases, int requests) throws Exception {
        String name = "batch of 100 (100 cases), 2 conns, events";
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Measurements>> workers = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + PHASE_LIMIT.toNanos();
        for (int t = 0; t < 2; t++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements(name);
                try (HttpConnection http = new HttpConnection(intake)) {
                    int r;
                    while ((r = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                        StringBuilder body = new StringBuilder("[");
                        for (int i = 0; i < 100; i++) {
                            body.append(i == 0 ? "" : ",").append(note(cases.get((r + i) % cases.size()), i));
                        }
                        long sent = System.nanoTime();
                        HttpConnection.Response response = http.post("/api/v1/events:batch", bearer,
                                body.append(']').toString(), UUID.randomUUID().toString());
                        long took = System.nanoTime() - sent;
                        Matcher accepted = ACCEPTED.matcher(response.body());
                        int stored = response.status() == 200 && accepted.find()
                                ? Integer.parseInt(accepted.group(1)) : 0;
                        for (int i = 0; i < stored; i++) {
                            own.record(took);
                        }
                    }
                }
                return own;
            }));
        }
        Measurements all = new Measurements(name);
        for (Future<Measurements> worker : workers) {
            all.merge(worker.get());
        }
        all.wallClock(Duration.ofNanos(System.nanoTime() - start));
        pool.shutdown();
        note("%s: %s", name, all.line().trim());
        return all;
    }

    private int send(HttpConnection http, List<String> cases, int i, boolean keyed) throws IOException {
        String caseId = cases.get(i % cases.size());
        return http.post("/api/v1/cases/" + caseId + "/events", bearer, note(null, i),
                keyed ? UUID.randomUUID().toString() : null).status();
    }

    private static String note(String caseId, int i) {
        String event = String.format(Locale.ROOT,
                "\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-11-12T00:00:00Z\", \"text\": \"benchmark note %d\"}", i);
        return caseId == null ? "{" + event : "{\"caseId\": \"" + caseId + "\", " + event;
    }

    /** The size of one event as intake publishes it: the last record of case-events. */
    private int sampleEventSize(String caseId) {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of(
                "bootstrap.servers", system.infrastructure().kafkaBootstrapServers(),
                "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"))) {
            var partition = new org.apache.kafka.common.TopicPartition(Topics.CASE_EVENTS, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, Math.max(0, end - 1));
            for (int polls = 0; polls < 20; polls++) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    return record.value().length;
                }
            }
        }
        return 700;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.infrastructure().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, Integer.getInteger("homeward.bench.anchor-linger-ms", 1));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    private void createAnchorTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.infrastructure().kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.CASE_EVENTS)).allTopicNames().get()
                    .get(Topics.CASE_EVENTS).partitions().size();
            if (!admin.listTopics().names().get().contains(ANCHOR_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(ANCHOR_TOPIC, partitions, (short) 1))).all().get();
            }
        }
    }

    /** {@code threads} threads, each sending one record and waiting for its acknowledgement, as a request does. */
    private Measurements kafkaAnchor(int threads, int eventSize) throws Exception {
        createAnchorTopic();
        String name = "anchor: Kafka send+ack, " + threads + " threads";
        byte[] value = new byte[eventSize];
        Arrays.fill(value, (byte) 'x');
        long seconds = options.get("anchor-seconds");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(ANCHOR_TOPIC, "warm", value)).get();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Measurements>> workers = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    Measurements own = new Measurements(name);
                    int i = 0;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(ANCHOR_TOPIC, UUID.randomUUID().toString(), value)).get();
                        own.record(System.nanoTime() - sent);
                        i++;
                    }
                    return own;
                }));
            }
            Measurements all = new Measurements(name);
            for (Future<Measurements> worker : workers) {
                all.merge(worker.get());
            }
            all.wallClock(Duration.ofNanos(System.nanoTime() - start));
            pool.shutdown();
            note("%s: %s (records of %d bytes, linger.ms %s)", name, all.line().trim(), eventSize,
                    producerConfig().get(ProducerConfig.LINGER_MS_CONFIG));
            return all;
        }
    }

    /** One thread sending without waiting (acknowledgements counted as they come): the broker's own ceiling. */
    private Measurements kafkaPipelined(int eventSize) throws Exception {
        String name = "anchor: Kafka pipelined, 1 thread";
        byte[] value = new byte[eventSize];
        Arrays.fill(value, (byte) 'x');
        long seconds = options.get("anchor-seconds");
        Measurements all = new Measurements(name);
        LongAdder acknowledged = new LongAdder();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(ANCHOR_TOPIC, UUID.randomUUID().toString(), value),
                        (metadata, failure) -> {
                            if (failure == null) {
                                acknowledged.increment();
                                latencies.add(new long[] {System.nanoTime() - sent});
                            }
                        });
            }
            producer.flush();
            all.wallClock(Duration.ofNanos(System.nanoTime() - start));
            synchronized (latencies) {
                for (long[] l : latencies) {
                    all.record(l[0]);
                }
            }
        }
        note("%s: %s", name, all.line().trim());
        return all;
    }

    /** {@code clients} connections, each inserting one row per transaction (autocommit), as pgbench would. */
    private Measurements postgresAnchor(int clients) throws Exception {
        Infrastructure infra = system.infrastructure();
        try (Connection admin = connect(infra, "postgres"); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + ANCHOR_DATABASE);
            s.execute("create database " + ANCHOR_DATABASE);
        }
        try (Connection c = connect(infra, ANCHOR_DATABASE); Statement s = c.createStatement()) {
            s.execute("create table anchor_keys (organisation text not null, idempotency_key text not null,"
                    + " fingerprint text not null, case_id uuid, event_id uuid, created_at timestamptz not null,"
                    + " primary key (organisation, idempotency_key))");
        }
        String name = "anchor: PostgreSQL 1-row insert tx, " + clients + " clients";
        long seconds = options.get("anchor-seconds");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Measurements>> workers = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < clients; t++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements(name);
                try (Connection c = connect(infra, ANCHOR_DATABASE);
                        PreparedStatement insert = c.prepareStatement("insert into anchor_keys (organisation,"
                                + " idempotency_key, fingerprint, case_id, event_id, created_at)"
                                + " values ('benchmark-org', ?, 'f', ?, ?, now())")) {
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setObject(2, UUID.randomUUID());
                        insert.setObject(3, UUID.randomUUID());
                        insert.executeUpdate();
                        own.record(System.nanoTime() - began);
                    }
                }
                return own;
            }));
        }
        Measurements all = new Measurements(name);
        for (Future<Measurements> worker : workers) {
            all.merge(worker.get());
        }
        all.wallClock(Duration.ofNanos(System.nanoTime() - start));
        pool.shutdown();
        note("%s: %s", name, all.line().trim());
        return all;
    }

    private static Connection connect(Infrastructure infra, String database) throws java.sql.SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", infra.databaseUser());
        properties.setProperty("password", infra.databasePassword());
        return DriverManager.getConnection(infra.jdbcUrl(database), properties);
    }

    // ---- CPU and load -------------------------------------------------------------------------------------------

    private Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new java.util.LinkedHashMap<>();
        ticks.put("intake", ProcessCpu.ticks(system.services().get(HomewardService.INTAKE).pid()));
        ticks.put("bench+kafka", ProcessCpu.ticks(ProcessHandle.current().pid()));
        ticks.put("postgresql", ProcessCpu.postgresTicks(dataDir));
        return ticks;
    }

    private static String cpuSpent(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            text.append(String.format(Locale.ROOT, "%s %.1f s ", e.getKey(),
                    (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) ProcessCpu.TICKS_PER_SECOND));
        }
        return text.toString().trim();
    }

    /** Collections of this JVM so far, and the milliseconds they took. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /**
     * A keep-alive HTTP/1.1 connection with blocking sockets: the cheapest client there is, so that the load
     * generator, which shares the cores with what it measures, takes as little of them as it can.
     */
    static final class HttpConnection implements AutoCloseable {

        record Response(int status, String body) {
        }

        private final URI base;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        HttpConnection(URI base) {
            this.base = base;
        }

        Response post(String path, String bearer, String body, String idempotencyKey) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    return exchange(path, bearer, body, idempotencyKey);
                } catch (IOException e) {
                    close();
                    if (attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        private Response exchange(String path, String bearer, String body, String idempotencyKey) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
                socket.setSoTimeout(60_000);
                out = new BufferedOutputStream(socket.getOutputStream(), 8192);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
            }
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(512).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(base.getHost()).append(':').append(base.getPort())
                    .append("\r\nContent-Type: application/json\r\nAuthorization: Bearer ").append(bearer)
                    .append("\r\nContent-Length: ").append(content.length).append("\r\n");
            if (idempotencyKey != null) {
                head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while ((header = line()) != null && !header.isEmpty()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            byte[] bytes;
            if (chunked) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                int size;
                while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
                    all.write(in.readNBytes(size));
                    line();
                }
                line();
                bytes = all.toByteArray();
            } else {
                bytes = in.readNBytes(Math.max(0, length));
            }
            if (close) {
                close();
            }
            return new Response(code, new String(bytes, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }
}
