package org.homeward.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The partners: {@code threads} threads, each owning a disjoint set of cases (case {@code n} belongs to thread
 * {@code n % threads}). A thread goes round its cases, one event of each case per round, so one case's events are sent
 * one after the other (the next only once the previous was accepted) while the cases of all threads interleave. Every
 * request carries its event's {@code Idempotency-Key}; any failure or unknown outcome (5xx, 409 in progress, 429, a
 * timeout, a broken connection) is retried with the same key and the same body until intake answers 202, as the
 * docs tell partners to do. A 4xx that says the request itself is wrong is not retried: it is counted as refused.
 */
final class Partners {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any bound the services promise: a request still unanswered then has an unknown outcome. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI intake;
    private final IntFunction<String> tokenOfThread;
    private final List<CasePlan> cases;
    private final int threads;
    private final long deadlineNanos;
    private final long startNanos;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final AtomicLong accepted = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    /** Every answer that was not a first-time 202, by status or failure kind: what the partners had to retry. */
    final Map<String, AtomicLong> retried = new ConcurrentHashMap<>();
    /** When (seconds since the run began) each answer other than 202 came, and what it was. */
    final List<Map.Entry<Double, String>> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    /** A few refusals (4xx), for the report. */
    final List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Replays that answered another id than the first answer did (never expected). */
    final AtomicLong idChanged = new AtomicLong();
    /** The longest a single event took from its first attempt to its acceptance, in seconds. */
    volatile double longestEventSeconds;
    volatile boolean done;

    Partners(URI intake, IntFunction<String> tokenOfThread, List<CasePlan> cases, int threads, Duration limit,
            long startNanos) {
        this.intake = intake;
        this.tokenOfThread = tokenOfThread;
        this.cases = cases;
        this.threads = threads;
        this.startNanos = startNanos;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    /** Runs every partner thread to the end (or the deadline) and returns. */
    void run() throws InterruptedException {
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread partner = new Thread(() -> partner(thread), "partner-" + t);
            partner.start();
            running.add(partner);
        }
        for (Thread partner : running) {
            partner.join();
        }
        done = true;
    }

    private void partner(int thread) {
        String token = tokenOfThread.apply(thread);
        List<CasePlan> mine = cases.stream().filter(c -> c.number % threads == thread).toList();
        int rounds = mine.stream().mapToInt(c -> c.events.size()).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (CasePlan plan : mine) {
                if (round >= plan.events.size()) {
                    continue;
                }
                CasePlan.Event event = plan.events.get(round);
                if (round > 0 && (plan.caseId == null || !plan.events.get(round - 1).accepted)) {
                    continue; // the case was never opened, or an earlier event was refused: send nothing after it
                }
                try {
                    send(token, event);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void send(String token, CasePlan.Event event) throws InterruptedException {
        boolean opening = event.index == 0;
        String path = opening ? "/api/v1/cases" : "/api/v1/cases/" + event.plan.caseId + "/events";
        event.body = opening ? event.plan.openingBody() : CasePlan.eventBody(event);
        long first = System.nanoTime();
        long backoffMillis = 100;
        while (System.nanoTime() < deadlineNanos) {
            event.attempts++;
            requests.incrementAndGet();
            long retryAfterMillis = -1;
            String failure;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(intake.resolve(path))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", event.key)
                        .POST(HttpRequest.BodyPublishers.ofString(event.body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202 || status == 200 || status == 201) {
                    accept(event, response, first);
                    return;
                }
                failure = Integer.toString(status);
                if (status == 400 || status == 401 || status == 403 || status == 413 || status == 422) {
                    refused.incrementAndGet();
                    if (refusals.size() < 10) {
                        refusals.add(event.key + " " + event.type + ": " + status + " " + response.body());
                    }
                    return;
                }
                retryAfterMillis = response.headers().firstValue("Retry-After")
                        .map(Partners::seconds).map(s -> s * 1000).orElse(-1L);
            } catch (HttpTimeoutException e) {
                failure = "timeout (no answer in " + REQUEST_TIMEOUT.toSeconds() + " s)";
            } catch (IOException e) {
                failure = "connection failed";
            }
            retried.computeIfAbsent(failure, k -> new AtomicLong()).incrementAndGet();
            failures.add(Map.entry((System.nanoTime() - startNanos) / 1e9, failure));
            if (retryAfterMillis >= 0) {
                TimeUnit.MILLISECONDS.sleep(Math.min(retryAfterMillis, 5_000)); // as asked, up to 5 s
            } else {
                TimeUnit.MILLISECONDS.sleep(backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2
                        + 1));
                backoffMillis = Math.min(2_000, backoffMillis * 2);
            }
        }
    }

    private void accept(CasePlan.Event event, HttpResponse<String> response, long first) throws IOException {
        JsonNode answer = JSON.readTree(response.body());
        String caseId = answer.path("caseId").asText(null);
        String eventId = answer.path("eventId").asText(null);
        if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
            replayed.incrementAndGet();
        }
        if (event.index == 0) {
            if (event.plan.caseId != null && !event.plan.caseId.equals(caseId)) {
                idChanged.incrementAndGet();
            }
            event.plan.caseId = caseId;
        }
        if (event.eventId != null && !event.eventId.equals(eventId)) {
            idChanged.incrementAndGet();
        }
        event.eventId = eventId;
        event.acceptedAt = (System.nanoTime() - startNanos) / 1e9;
        event.accepted = true;
        accepted.incrementAndGet();
        double took = (System.nanoTime() - first) / 1e9;
        if (took > longestEventSeconds) {
            longestEventSeconds = took;
        }
    }

    private static Long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1L;
        }
    }

    /** What the partners had to retry, by answer, sorted. */
    Map<String, Long> retriedSorted() {
        Map<String, Long> sorted = new TreeMap<>();
        retried.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted;
    }
}
