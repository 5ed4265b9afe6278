package org.homeward.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;

/**
 * Intake against the real broker: accepted events per second and latency for single events (without and with an
 * Idempotency-Key) and for batches (many cases a batch; one long chain of one case's events). Every accepted event
 * is in Kafka, acknowledged by the broker, when it is counted. Starts a throwaway system on free ports (loopback
 * only) and stops it; every loop is bounded in count and in time.
 *
 * <p>{@code ./homeward bench IntakeBenchmark [events]} (default 4,000 single events per run).
 */
public final class IntakeBenchmark {

    private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(90);
    private static final int THREADS = 8;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI intake;
    private final String bearer;

    private IntakeBenchmark(URI intake, String bearer) {
        this.bearer = bearer;
        this.intake = intake;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        System.out.println("Starting a throwaway Homeward (Kafka, PostgreSQL, three services) ...");
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.forBenchmarks(root,
                root.resolve("deploy/benchmarks/target/intake-benchmark")), System.out)) {
            new IntakeBenchmark(system.baseUrl(HomewardService.INTAKE),
                    system.token("benchmark-org", "benchmark", "reporter")).run(events);
        }
    }

    private void run(int events) throws Exception {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            cases.add(open());
        }
        // Warm-up: JIT, connections, producer metadata; not measured.
        singles("warm-up", cases, 1_000, false);

        Measurements single = singles("single event (8 clients)", cases, events, false);
        Measurements keyed = singles("single event, Idempotency-Key", cases, events, true);
        Measurements[] manyCases = batches("batch of 100 (100 cases)", cases, events / 100, 100, 100);
        Measurements[] chains = batches("batch of 100 (10 cases x 10)", cases, events / 100, 100, 10);
        Measurements[] oneCase = batches("batch of 100 (1 case x 100)", cases, Math.max(1, events / 400), 100, 1);
        Measurements.report("IntakeBenchmark", System.out, single, keyed, manyCases[0], manyCases[1], chains[0],
                chains[1], oneCase[0], oneCase[1]);
    }

    private String open() throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/v1/cases", "application/json", """
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000}}""", null);
        Matcher caseId = CASE_ID.matcher(response.body());
        if (response.statusCode() != 202 || !caseId.find()) {
            throw new IllegalStateException("opening a case answered " + response.statusCode());
        }
        return caseId.group(1);
    }

    /** {@code count} single events from 8 concurrent clients; latency per request, rate of accepted events. */
    private Measurements singles(String name, List<String> cases, int count, boolean keyed) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Measurements>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements(name);
                int i;
                while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                    String caseId = cases.get(i % cases.size());
                    long sent = System.nanoTime();
                    HttpResponse<String> response = post("/api/v1/cases/" + caseId + "/events", "application/json",
                            note(null, i), keyed ? UUID.randomUUID().toString() : null);
                    if (response.statusCode() == 202) {
                        own.record(System.nanoTime() - sent);
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
        return all;
    }

    /**
     * {@code requests} batches of {@code size} events spread over {@code casesPerBatch} cases, one client; answers
     * the latency per batch and the rate of accepted events.
     */
    private Measurements[] batches(String name, List<String> cases, int requests, int size, int casesPerBatch)
            throws Exception {
        Measurements perBatch = new Measurements(name + ", per request");
        Measurements perEvent = new Measurements(name + ", events");
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        long start = System.nanoTime();
        for (int r = 0; r < requests && System.nanoTime() < deadline; r++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                String caseId = cases.get((r * casesPerBatch + i % casesPerBatch) % cases.size());
                body.append(i == 0 ? "" : ",").append(note(caseId, i));
            }
            long sent = System.nanoTime();
            HttpResponse<String> response = post("/api/v1/events:batch", "application/json", body.append(']').toString(),
                    null);
            long took = System.nanoTime() - sent;
            Matcher accepted = ACCEPTED.matcher(response.body());
            int stored = response.statusCode() == 200 && accepted.find() ? Integer.parseInt(accepted.group(1)) : 0;
            perBatch.record(took);
            for (int i = 0; i < stored; i++) {
                perEvent.record(took); // each event of the batch waited as long as its batch
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        perBatch.wallClock(wall);
        perEvent.wallClock(wall);
        return new Measurements[] {perBatch, perEvent};
    }

    private static String note(String caseId, int i) {
        String event = String.format(Locale.ROOT,
                "\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2025-11-12T00:00:00Z\", \"text\": \"benchmark note %d\"}", i);
        return caseId == null ? "{" + event : "{\"caseId\": \"" + caseId + "\", " + event;
    }

    private HttpResponse<String> post(String path, String contentType, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(intake.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
