package org.homeward.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.homeward.events.EventCodec;
import org.homeward.stack.HomewardService;
import org.homeward.stack.Infrastructure;
import org.homeward.stack.LocalSystem;

/**
 * The whole pipeline, end to end, on a throwaway system: partner requests to intake, Kafka, the case service's
 * transaction, its outbox relay, Kafka again, and the notification service's transaction. Every accepted event is
 * followed to its timeline entry in the {@code cases} database ("applied") and to the notification of one FEED
 * subscription that matches everything in the {@code notifications} database ("notified").
 *
 * <ol>
 * <li>saturated, single events: {@code --clients} concurrent clients POST {@code --singles} events, each with its own
 * Idempotency-Key; events per second from the first 202 to the last event applied, and to the last notification
 * stored;</li>
 * <li>saturated, batches: {@code --batch-clients} clients POST {@code --batches} requests to {@code events:batch} of
 * 100 events each (100 cases a request); the same two rates;</li>
 * <li>paced: {@code --rate} events per second offered for {@code --seconds} (open loop: a request is sent when it is
 * due, whether or not earlier ones were answered); per event, the time from intake's 202 to applied and to notified
 * (p50, p99, max);</li>
 * <li>the memory of each process (VmRSS and its peak VmHWM from {@code /proc/PID/status}; PostgreSQL as the sum of
 * its processes' proportional set size);</li>
 * <li>the anchor on the same PostgreSQL server, in the same run: one event per transaction (insert + update) with 1
 * and 4 clients ({@link PipelineBenchmarkAnchor}), and the end-to-end rates as a ratio of it.</li>
 * </ol>
 *
 * <p><b>Clocks.</b> All on one machine, one wall clock (CLOCK_REALTIME). The start of each latency is when the
 * benchmark received the 202 ({@link Instant#now()} in this JVM, microseconds). "Applied" is the commit time of the
 * transaction that wrote the event's timeline entry, and "notified" the commit time of the transaction that stored
 * its notification: PostgreSQL's {@code pg_xact_commit_timestamp(xmin)}, written by the server at commit
 * (microseconds). For that the benchmark turns on {@code track_commit_timestamp} on its throwaway server (a restart of
 * PostgreSQL before any measurement; the services reconnect by themselves). The stamps the services write themselves
 * ({@code timeline_entries.recorded_at}, {@code notifications.created_at}: each service's clock when its transaction
 * began its work, before the commit) are printed beside them. Completion is polled (every 250 ms), but its time is
 * read from the commit stamps, so the polling does not blur any number.
 *
 * <p>Usage: {@code ./homeward bench PipelineBenchmark [--clients 8] [--singles 5000] [--batch-clients 2]
 * [--batches 100] [--rate 500] [--seconds 20] [--anchor-seconds 10] [--cases 1000]}. Every loop is bounded in count and
 * time; only loopback is called.
 */
public final class PipelineBenchmark {

    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(15);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final int PROGRESS_SECONDS = 10;
    /** USER_HZ of /proc/PID/stat: 100 on Linux (x86_64, arm64). */
    private static final int BATCH_SIZE = 100;
    private static final String ORG = "pipeline-org";
    private static final Instant FIRST_OCCURRED = Instant.parse("2025-01-10T00:00:00Z");

    /** An event intake accepted, and when its 202 arrived here. */
    record Accepted(UUID eventId, Instant at) {
    }

    /** When an event was applied and notified: commit stamps, and the services' own stamps. */
    record Stamps(Instant commit, Instant service) {
    }

    private final LocalSystem system;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI intake;
    private final String reporter;
    private final List<String> cases = new ArrayList<>();
    /** occurredAt of the next event, in seconds after FIRST_OCCURRED: every case's events move forward in time. */
    private final AtomicLong occurred = new AtomicLong();
    private final StringBuilder extra = new StringBuilder();
    private boolean commitStamps;
    private final Path dataDir;

    private PipelineBenchmark(LocalSystem system, Path dataDir, PrintStream out) {
        this.system = system;
        this.dataDir = dataDir;
        this.out = out;
        this.intake = system.baseUrl(HomewardService.INTAKE);
        this.reporter = system.token(ORG, "pipeline-reporter", "reporter");
    }

    public static void main(String[] args) throws Exception {
        int clients = intArg(args, "--clients", 8);
        int singles = intArg(args, "--singles", 5000);
        int batchClients = intArg(args, "--batch-clients", 2);
        int batches = intArg(args, "--batches", 100);
        int rate = intArg(args, "--rate", 500);
        int seconds = intArg(args, "--seconds", 20);
        int anchorSeconds = intArg(args, "--anchor-seconds", 10);
        int caseCount = intArg(args, "--cases", 1000);
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        out.println("Starting a throwaway Homeward (Kafka, PostgreSQL, three services) ...");
        Path dataDir = root.resolve("deploy/benchmarks/target/pipeline-benchmark");
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.forBenchmarks(root, dataDir), out)) {
            new PipelineBenchmark(system, dataDir, out).run(root, clients, singles, batchClients, batches, rate, seconds,
                    anchorSeconds, caseCount);
        }
    }

    private void run(Path root, int clients, int singles, int batchClients, int batches, int rate, int seconds,
            int anchorSeconds, int caseCount) throws Exception {
        String loadBefore = ProcessCpu.loadAverage();
        commitStamps = enableCommitTimestamps();
        subscribeToEverything();
        out.printf("Opening %d cases ...%n", caseCount);
        List<Accepted> openings = openCases(caseCount);
        drain("openings", openings);

        out.println("Warming up (1,000 single events, 20 batches; not measured) ...");
        List<Accepted> warm = singles(clients, 1_000, new Measurements("warm-up"));
        warm.addAll(batches(batchClients, 20, new Measurements("warm-up")));
        drain("warm-up", warm);

        out.printf("Saturated: %d single events from %d clients ...%n", singles, clients);
        Measurements singleRequests = new Measurements("single: request -> 202");
        Map<String, Long> cpu = cpuTicks();
        List<Accepted> single = singles(clients, singles, singleRequests);
        Measurements[] singleEnds = endToEnd("single", single);
        String singleCpu = ProcessCpu.perEvent(cpu, cpuTicks(), single.size(), true);
        String loadSingles = ProcessCpu.loadAverage();

        out.printf("Saturated: %d batches of %d from %d clients ...%n", batches, BATCH_SIZE, batchClients);
        Measurements batchRequests = new Measurements("batch of 100: request -> 200");
        cpu = cpuTicks();
        List<Accepted> batch = batches(batchClients, batches, batchRequests);
        Measurements[] batchEnds = endToEnd("batch", batch);
        String batchCpu = ProcessCpu.perEvent(cpu, cpuTicks(), batch.size(), true);
        String loadBatches = ProcessCpu.loadAverage();

        out.printf("Paced: %d events/s offered for %d s ...%n", rate, seconds);
        Measurements pacedRequests = new Measurements("paced " + rate + "/s: due -> 202");
        cpu = cpuTicks();
        List<Accepted> paced = paced(rate, seconds, pacedRequests);
        Measurements[] pacedEnds = endToEnd("paced " + rate + "/s", paced);
        String pacedCpu = ProcessCpu.perEvent(cpu, cpuTicks(), paced.size(), true);
        String loadPaced = ProcessCpu.loadAverage();

        String memory = memory();

        PipelineBenchmarkAnchor.Run anchor = PipelineBenchmarkAnchor.measure(system.infrastructure(), anchorSeconds,
                out);
        Measurements anchor1 = anchor.oneClient();
        Measurements anchor4 = anchor.fourClients();
        String settings = anchor.settings();
        String loadAfter = ProcessCpu.loadAverage();

        List<Measurements> rows = new ArrayList<>();
        rows.add(singleRequests);
        rows.addAll(List.of(singleEnds));
        rows.add(batchRequests);
        rows.addAll(List.of(batchEnds));
        rows.add(pacedRequests);
        rows.addAll(List.of(pacedEnds));
        rows.addAll(List.of(anchor1, anchor4));
        Measurements.report("PipelineBenchmark", out, rows.toArray(Measurements[]::new));
        note("(end to end rows: n events, /s = n / (first 202 -> last commit); latency per event from its 202)");
        note("clocks: 'applied'/'notified' = %s; 'service stamp' rows = recorded_at / created_at (each service's"
                + " clock when its transaction began its work); start = 202 received by this JVM",
                commitStamps ? "PostgreSQL commit time (track_commit_timestamp)" : "service stamps (commit times"
                        + " unavailable)");
        note("end to end, single events: %.1f events/s applied, %.1f events/s notified", singleEnds[0].perSecond(),
                singleEnds[1].perSecond());
        note("end to end, batches of 100: %.1f events/s applied, %.1f events/s notified", batchEnds[0].perSecond(),
                batchEnds[1].perSecond());
        note("anchor (same PostgreSQL, same run): %.1f tx/s at 1 client, %.1f tx/s at 4 clients",
                anchor1.perSecond(), anchor4.perSecond());
        note("PostgreSQL (services and anchor alike; the embedded server runs as zonky starts it): %s", settings);
        note("ratio end to end (applied) / anchor 1 client: single %.3f, batch %.3f; / anchor 4 clients: single"
                + " %.3f, batch %.3f", singleEnds[0].perSecond() / anchor1.perSecond(),
                batchEnds[0].perSecond() / anchor1.perSecond(), singleEnds[0].perSecond() / anchor4.perSecond(),
                batchEnds[0].perSecond() / anchor4.perSecond());
        note("paced %d/s: 202 -> applied p50 %.1f ms, p99 %.1f ms, max %.1f ms; 202 -> notified p50 %.1f ms, p99"
                + " %.1f ms, max %.1f ms", rate, pacedEnds[0].percentileMillis(50), pacedEnds[0].percentileMillis(99),
                pacedEnds[0].percentileMillis(100), pacedEnds[1].percentileMillis(50),
                pacedEnds[1].percentileMillis(99), pacedEnds[1].percentileMillis(100));
        note("CPU per event (utime + stime from /proc/PID/stat over the phase, until the last notification):");
        note("  single events: %s", singleCpu);
        note("  batches of 100: %s", batchCpu);
        note("  paced %d/s: %s", rate, pacedCpu);
        note("memory after the load, before the anchor:%n%s", memory);
        note("load average (/proc/loadavg): start %s | after singles %s | after batches %s | after paced %s | end %s",
                loadBefore, loadSingles, loadBatches, loadPaced, loadAfter);
        note("machine: %s", machine());
        note("commit %s; options --clients %d --singles %d --batch-clients %d --batches %d --rate %d --seconds %d"
                + " --anchor-seconds %d --cases %d", commit(root), clients, singles, batchClients, batches, rate,
                seconds, anchorSeconds, caseCount);
        Path file = Path.of("deploy", "benchmarks", "target", "benchmarks", "PipelineBenchmark.txt");
        Files.writeString(file, extra, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /* ---------------------------------------------------------------- load */

    /** {@code count} single events from {@code clients} concurrent clients, each with its own Idempotency-Key. */
    private List<Accepted> singles(int clients, int count, Measurements requests) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Measurements>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements("");
                int i;
                while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                    String caseId = cases.get(i % cases.size());
                    long sent = System.nanoTime();
                    HttpResponse<String> response = post("/api/v1/cases/" + caseId + "/events", note(null),
                            UUID.randomUUID().toString());
                    if (response.statusCode() == 202) {
                        Instant at = Instant.now();
                        own.record(System.nanoTime() - sent);
                        accepted.add(new Accepted(eventId(response.body()), at));
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return own;
            }));
        }
        for (Future<Measurements> worker : workers) {
            requests.merge(worker.get());
        }
        requests.wallClock(Duration.ofNanos(System.nanoTime() - start));
        pool.shutdown();
        if (refused.get() > 0) {
            out.printf("  %d single events not accepted%n", refused.get());
        }
        return new ArrayList<>(accepted);
    }

    /** {@code count} requests to events:batch of 100 events (100 different cases) from {@code clients} clients. */
    private List<Accepted> batches(int clients, int count, Measurements requests) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Measurements>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements("");
                int r;
                while ((r = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < BATCH_SIZE; i++) {
                        String caseId = cases.get((r * BATCH_SIZE + i) % cases.size());
                        body.append(i == 0 ? "" : ",").append(note(caseId));
                    }
                    long sent = System.nanoTime();
                    HttpResponse<String> response = post("/api/v1/events:batch", body.append(']').toString(),
                            UUID.randomUUID().toString());
                    Instant at = Instant.now();
                    own.record(System.nanoTime() - sent);
                    if (response.statusCode() != 200) {
                        refused.addAndGet(BATCH_SIZE);
                        continue;
                    }
                    for (JsonNode item : EventCodec.mapper().readTree(response.body()).path("items")) {
                        if ("ACCEPTED".equals(item.path("status").asText())) {
                            accepted.add(new Accepted(UUID.fromString(item.path("eventId").asText()), at));
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                }
                return own;
            }));
        }
        for (Future<Measurements> worker : workers) {
            requests.merge(worker.get());
        }
        requests.wallClock(Duration.ofNanos(System.nanoTime() - start));
        pool.shutdown();
        if (refused.get() > 0) {
            out.printf("  %d batch items not accepted%n", refused.get());
        }
        return new ArrayList<>(accepted);
    }

    /**
     * {@code rate} single events per second for {@code seconds}, open loop: each request is sent when it is due
     * (asynchronously), however many are still unanswered (up to {@value #MAX_IN_FLIGHT}; beyond that a due request
     * is skipped and counted). The request latency is from when it was due, so a stall of intake shows.
     */
    private List<Accepted> paced(int rate, int seconds, Measurements requests) throws Exception {
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int skipped = 0;
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                skipped++;
                continue;
            }
            inFlight.incrementAndGet();
            String caseId = cases.get(i % cases.size());
            pending.add(http.sendAsync(request("/api/v1/cases/" + caseId + "/events", note(null),
                    UUID.randomUUID().toString()), HttpResponse.BodyHandlers.ofString()).whenComplete((response, e) -> {
                        Instant at = Instant.now();
                        long answered = System.nanoTime();
                        inFlight.decrementAndGet();
                        if (e != null) {
                            failed.incrementAndGet();
                        } else if (response.statusCode() == 202) {
                            synchronized (requests) {
                                requests.record(answered - due);
                            }
                            accepted.add(new Accepted(eventId(response.body()), at));
                        } else {
                            refused.incrementAndGet();
                        }
                    }));
        }
        for (var f : pending) {
            try {
                f.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted in whenComplete
            }
        }
        requests.wallClock(Duration.ofNanos(System.nanoTime() - start));
        if (skipped + refused.get() + failed.get() > 0) {
            out.printf("  paced: %d skipped (too many in flight), %d not accepted, %d failed%n", skipped,
                    refused.get(), failed.get());
            note("paced: %d skipped (more than %d in flight), %d not accepted, %d failed", skipped, MAX_IN_FLIGHT,
                    refused.get(), failed.get());
        }
        return new ArrayList<>(accepted);
    }

    private List<Accepted> openCases(int count) throws Exception {
        List<Accepted> openings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = null;
            String key = UUID.randomUUID().toString();
            for (int attempt = 0; attempt < 60; attempt++) { // just after PostgreSQL's restart a 503 may come
                response = post("/api/v1/cases", """
                        {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                         "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000}}""",
                        key);
                if (response.statusCode() != 503) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            if (response.statusCode() != 202) {
                throw new IllegalStateException("opening a case answered " + response.statusCode());
            }
            JsonNode body = EventCodec.mapper().readTree(response.body());
            cases.add(body.path("caseId").asText());
            openings.add(new Accepted(UUID.fromString(body.path("eventId").asText()), Instant.now()));
        }
        return openings;
    }

    private void subscribeToEverything() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(system.baseUrl(HomewardService.NOTIFICATION)
                        .resolve("/api/v1/subscriptions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + system.token(ORG, "pipeline-advocate", "advocate"))
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\": \"FEED\", \"minUrgency\": \"LOW\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("FEED subscription refused: " + created.statusCode() + " " + created.body());
        }
    }

    /** A note for a case (in the body for batches); each event happens one second after the previous one. */
    private String note(String caseId) {
        Instant at = FIRST_OCCURRED.plusSeconds(occurred.getAndIncrement());
        String event = "\"type\": \"NOTE_ADDED\", \"occurredAt\": \"" + at + "\", \"text\": \"pipeline benchmark\"}";
        return caseId == null ? "{" + event : "{\"caseId\": \"" + caseId + "\", " + event;
    }

    private HttpRequest request(String path, String body, String key) {
        return HttpRequest.newBuilder(intake.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + reporter)
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> post(String path, String body, String key) throws IOException, InterruptedException {
        return http.send(request(path, body, key), HttpResponse.BodyHandlers.ofString());
    }

    private static UUID eventId(String body) {
        try {
            return UUID.fromString(EventCodec.mapper().readTree(body).path("eventId").asText());
        } catch (IOException e) {
            throw new IllegalStateException("a 202 without an event id", e);
        }
    }

    /* ---------------------------------------------------------------- observation */

    /**
     * Waits until every event is applied and notified, then answers four measurements: 202 -> applied, 202 ->
     * notified (commit times), and the same against the services' own stamps. The wall clock of each is from the
     * first 202 to the last commit, so {@link Measurements#perSecond} is the end-to-end rate.
     */
    private Measurements[] endToEnd(String phase, List<Accepted> events) throws Exception {
        drain(phase, events);
        Map<UUID, Stamps> applied = stamps(events, "cases", "select t.event_id, pg_xact_commit_timestamp(t.xmin),"
                + " t.recorded_at from timeline_entries t where t.event_id = any(?)");
        Map<UUID, Stamps> notified = stamps(events, "notifications", "select t.event_id,"
                + " pg_xact_commit_timestamp(n.xmin), n.created_at from notifications n join transitions t"
                + " on t.transition_id = n.transition_id where t.event_id = any(?)");
        return new Measurements[] {
            latencies(phase + ": 202 -> applied", events, applied, true),
            latencies(phase + ": 202 -> notified", events, notified, true),
            latencies(phase + ": 202 -> applied (service stamp)", events, applied, false),
            latencies(phase + ": 202 -> notified (service stamp)", events, notified, false),
            between(phase + ": applied -> notified", events, applied, notified),
            inside(phase + ": case service stamp -> commit", events, applied),
            inside(phase + ": notification stamp -> commit", events, notified)};
    }

    /** Per event, from its commit in the cases database to its notification's commit. */
    private static Measurements between(String name, List<Accepted> events, Map<UUID, Stamps> from,
            Map<UUID, Stamps> to) {
        Measurements m = new Measurements(name);
        for (Accepted event : events) {
            Stamps a = from.get(event.eventId());
            Stamps b = to.get(event.eventId());
            if (a != null && b != null && a.commit() != null && b.commit() != null) {
                m.record(Duration.between(a.commit(), b.commit()).toNanos());
            }
        }
        return m;
    }

    /** Per event, from the service's own stamp (its transaction at work) to the commit: the transaction's length. */
    private static Measurements inside(String name, List<Accepted> events, Map<UUID, Stamps> stamps) {
        Measurements m = new Measurements(name);
        for (Accepted event : events) {
            Stamps s = stamps.get(event.eventId());
            if (s != null && s.commit() != null) {
                m.record(Duration.between(s.service(), s.commit()).toNanos());
            }
        }
        return m;
    }

    private Measurements latencies(String name, List<Accepted> events, Map<UUID, Stamps> stamps, boolean commit) {
        Measurements m = new Measurements(name);
        Instant first = events.stream().map(Accepted::at).min(Instant::compareTo).orElseThrow();
        Instant last = first;
        for (Accepted event : events) {
            Stamps s = stamps.get(event.eventId());
            if (s == null) {
                continue;
            }
            Instant end = commit && s.commit() != null ? s.commit() : s.service();
            m.record(Duration.between(event.at(), end).toNanos());
            last = end.isAfter(last) ? end : last;
        }
        m.wallClock(Duration.between(first, last));
        return m;
    }

    /** Polls until every event has a timeline entry and a notification, bounded by {@link #DRAIN_LIMIT}. */
    private void drain(String phase, List<Accepted> events) throws Exception {
        long began = System.nanoTime();
        long deadline = began + DRAIN_LIMIT.toNanos();
        long lastReport = began;
        while (true) {
            long applied = count(events, "cases", "select count(*) from timeline_entries where event_id = any(?)");
            // the notifications' count (a join) only once everything is applied: the polls stay light
            long notified = applied < events.size() ? 0 : count(events, "notifications", "select count(*) from"
                    + " notifications n join transitions t on t.transition_id = n.transition_id"
                    + " where t.event_id = any(?)");
            if (applied >= events.size() && notified >= events.size()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                out.printf("  %s: only %d applied and %d notified of %d within %s; measuring what arrived%n", phase,
                        applied, notified, events.size(), DRAIN_LIMIT);
                note("%s: only %d applied and %d notified of %d within %s", phase, applied, notified, events.size(),
                        DRAIN_LIMIT);
                return;
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS)) {
                out.printf("  %s: %d of %d applied after %d s%n", phase, applied, events.size(),
                        TimeUnit.NANOSECONDS.toSeconds(now - began));
                lastReport = now;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private long count(List<Accepted> events, String database, String sql) throws SQLException {
        try (Connection c = connect(database); PreparedStatement select = c.prepareStatement(sql)) {
            select.setArray(1, ids(c, events));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<UUID, Stamps> stamps(List<Accepted> events, String database, String sql) throws SQLException {
        Map<UUID, Stamps> stamps = new HashMap<>();
        try (Connection c = connect(database); PreparedStatement select = c.prepareStatement(sql)) {
            select.setArray(1, ids(c, events));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime commit = rs.getObject(2, OffsetDateTime.class);
                    stamps.put(rs.getObject(1, UUID.class), new Stamps(commit == null ? null : commit.toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return stamps;
    }

    private static Array ids(Connection c, List<Accepted> events) throws SQLException {
        return c.createArrayOf("uuid", events.stream().map(Accepted::eventId).toArray());
    }

    /**
     * Turns on {@code track_commit_timestamp} (a server setting: PostgreSQL restarts, before anything is measured)
     * and answers whether commit times are now recorded.
     */
    private boolean enableCommitTimestamps() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("alter system set track_commit_timestamp = on");
        }
        out.println("Restarting PostgreSQL with track_commit_timestamp = on ...");
        system.stopPostgres();
        system.startPostgres();
        for (HomewardService service : HomewardService.APIS) {
            system.awaitReady(service);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show track_commit_timestamp")) {
            rs.next();
            boolean on = "on".equals(rs.getString(1));
            if (!on) {
                out.println("  track_commit_timestamp is off: 'applied' falls back to the services' stamps");
            }
            return on;
        }
    }

    private Connection connect(String database) throws SQLException {
        Infrastructure infrastructure = system.infrastructure();
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.databaseUser(),
                infrastructure.databasePassword());
    }

    /* ---------------------------------------------------------------- the machine */

    /** VmRSS and VmHWM of each service, of this JVM (which runs the embedded broker), and PostgreSQL's total PSS. */
    private String memory() {
        StringBuilder text = new StringBuilder();
        for (HomewardService service : HomewardService.APIS) {
            long pid = system.services().get(service).pid();
            text.append(String.format(Locale.ROOT, "  %-22s pid %-7d %s%n", service.module(), pid, status(pid)));
        }
        long self = ProcessHandle.current().pid();
        text.append(String.format(Locale.ROOT, "  %-22s pid %-7d %s%n", "benchmark JVM + Kafka", self, status(self)));
        List<ProcessHandle> postgres = ProcessCpu.postgres(dataDir);
        long pssKb = 0;
        for (ProcessHandle p : postgres) {
            pssKb += field(Path.of("/proc", String.valueOf(p.pid()), "smaps_rollup"), "Pss:");
        }
        text.append(String.format(Locale.ROOT, "  %-22s %d processes, PSS %d MB in all (shared buffers counted once)",
                "PostgreSQL", postgres.size(), pssKb / 1024));
        return text.toString();
    }

    /**
     * CPU time used so far (clock ticks) by each service, by this JVM (load generator and embedded broker) and by
     * this system's PostgreSQL (the postmaster and its processes alive now).
     */
    private Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new java.util.LinkedHashMap<>();
        for (HomewardService service : HomewardService.APIS) {
            ticks.put(service.module(), ProcessCpu.ticks(system.services().get(service).pid()));
        }
        ticks.put("benchmark+kafka", ProcessCpu.ticks(ProcessHandle.current().pid()));
        ticks.put("postgresql", ProcessCpu.postgresTicks(dataDir));
        return ticks;
    }

    private static String status(long pid) {
        Path file = Path.of("/proc", String.valueOf(pid), "status");
        return String.format(Locale.ROOT, "VmRSS %4d MB, VmHWM (peak) %4d MB", field(file, "VmRSS:") / 1024,
                field(file, "VmHWM:") / 1024);
    }

    /** A kB field of a /proc file, or -1024 where it cannot be read. */
    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return -1024;
    }

    /** CPU model, cores and memory from /proc. */
    private static String machine() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%s, %d cores, %d MB memory, %s %s", model,
                Runtime.getRuntime().availableProcessors(), field(Path.of("/proc/meminfo"), "MemTotal:") / 1024,
                System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? head : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        out.println(line);
        extra.append(line).append('\n');
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
