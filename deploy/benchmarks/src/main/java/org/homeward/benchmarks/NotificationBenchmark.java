package org.homeward.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.CaseState;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventType;
import org.homeward.events.Topics;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;

/**
 * How fast the notification service turns case transitions into webhook deliveries, and how long a transition takes
 * to reach a partner: transitions go straight to {@code case-transitions} on the real Kafka (as the case service's
 * outbox would publish them); {@code --subscriptions} webhook subscriptions each receive every one, at an HTTP
 * receiver on 127.0.0.1 that checks every signature.
 *
 * <ul>
 * <li>burst: {@code --burst} transitions published at once; transitions per second from the first publish until the
 * last webhook arrived (and deliveries per second), with each transition's time until its last webhook;</li>
 * <li>steady: {@code --rate} transitions per second for {@code --seconds}; the time from publishing a transition to
 * each of its webhooks arriving (p50, p95, p99).</li>
 * </ul>
 *
 * <p>Usage: {@code ./homeward bench NotificationBenchmark [--subscriptions 4] [--burst 3000] [--rate 50]
 * [--seconds 30]}. Everything is bounded in count and time, and only 127.0.0.1 is called.
 */
public final class NotificationBenchmark {

    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

    private final LocalSystem system;
    private final PrintStream out;
    private final KafkaProducer<String, byte[]> producer;
    private final HttpServer receiver;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** Publish time (nanos) of each transition, by event id. */
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    /** Webhooks still expected per transition, by event id. */
    private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private volatile Measurements perWebhook = new Measurements("unused");
    private volatile Measurements perTransition = new Measurements("unused");
    private volatile long lastArrival;
    private int subscriptions;

    private NotificationBenchmark(LocalSystem system, PrintStream out) throws Exception {
        this.system = system;
        this.out = out;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                system.infrastructure().kafkaBootstrapServers(), "acks", "all", "linger.ms", 1),
                new StringSerializer(), new ByteArraySerializer());
        this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        ExecutorService handlers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        });
        receiver.setExecutor(handlers);
        receiver.createContext("/hooks/", exchange -> {
            long now = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                String secret = secrets.get(path.substring(path.lastIndexOf('/') + 1));
                var headers = exchange.getRequestHeaders();
                if (secret == null || !verify(secret, headers.getFirst("webhook-id"),
                        headers.getFirst("webhook-timestamp"), body, headers.getFirst("webhook-signature"))) {
                    badSignatures.incrementAndGet();
                }
                arrived(body, now);
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
    }

    public static void main(String[] args) throws Exception {
        int subscriptions = intArg(args, "--subscriptions", 4);
        int burst = intArg(args, "--burst", 3000);
        int rate = intArg(args, "--rate", 50);
        int seconds = intArg(args, "--seconds", 30);
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.forBenchmarks(root,
                root.resolve("deploy/benchmarks/target/notification-benchmark")), out)) {
            NotificationBenchmark bench = new NotificationBenchmark(system, out);
            try {
                bench.run(subscriptions, burst, rate, seconds);
            } finally {
                bench.close();
            }
        }
    }

    private void run(int subscriptionCount, int burst, int rate, int seconds) throws Exception {
        this.subscriptions = subscriptionCount;
        HttpClient http = HttpClient.newHttpClient();
        URI notifications = system.baseUrl(HomewardService.NOTIFICATION);
        for (int i = 0; i < subscriptionCount; i++) {
            String name = "s" + i;
            String body = "{\"channel\": \"WEBHOOK\", \"target\": \"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hooks/" + name + "\", \"categories\": [\"NORTH_KOREAN_POW\"], \"minUrgency\": \"LOW\"}";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(notifications.resolve(
                            "/api/v1/subscriptions")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + system.token("benchmark-org", "advocate-" + i, "advocate"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("subscription refused: " + created.statusCode());
            }
            secrets.put(name, EventCodec.mapper().readTree(created.body()).path("secret").asText());
        }
        out.printf(Locale.ROOT, "%d webhook subscriptions, each receiving every transition at 127.0.0.1:%d%n",
                subscriptionCount, receiver.getAddress().getPort());

        out.println("Warming up (300 transitions) ...");
        publishBurst(300, new Measurements("warm-up"), new Measurements("warm-up"));

        Measurements burstTransitions = new Measurements("burst: transition -> all webhooks");
        Measurements burstWebhooks = new Measurements("burst: transition -> webhook");
        out.printf("Burst: %d transitions at once ...%n", burst);
        Instant burstStart = Instant.now();
        Duration burstTime = publishBurst(burst, burstTransitions, burstWebhooks);
        burstTransitions.wallClock(burstTime);
        burstWebhooks.wallClock(burstTime);
        double routed = routedPerSecond(burstStart);

        Measurements steadyTransitions = new Measurements("steady " + rate + "/s: transition -> all webhooks");
        Measurements steadyWebhooks = new Measurements("steady " + rate + "/s: transition -> webhook");
        out.printf("Steady: %d transitions/s for %d s ...%n", rate, seconds);
        Duration steadyTime = publishSteady(rate, seconds, steadyTransitions, steadyWebhooks);
        steadyTransitions.wallClock(steadyTime);
        steadyWebhooks.wallClock(steadyTime);

        Measurements.report("NotificationBenchmark", out, burstTransitions, burstWebhooks, steadyTransitions,
                steadyWebhooks);
        out.printf(Locale.ROOT, "burst: %.1f transitions/s turned into %.1f webhook deliveries/s (%d subscriptions)%n",
                burstTransitions.perSecond(), burstWebhooks.perSecond(), subscriptionCount);
        out.printf(Locale.ROOT, "burst: the consumer routed %.1f transitions/s into notifications and deliveries%n",
                routed);
        out.printf(Locale.ROOT, "steady: p99 from transition published to webhook received %.1f ms%n",
                steadyWebhooks.percentileMillis(99));
        out.printf("webhooks received %d, bad signatures %d%n", received.get(), badSignatures.get());
    }

    private Duration publishBurst(int count, Measurements transitions, Measurements webhooks) throws Exception {
        perTransition = transitions;
        perWebhook = webhooks;
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(publish());
        }
        producer.flush();
        awaitDelivered(ids);
        return Duration.ofNanos(lastArrival - start);
    }

    private Duration publishSteady(int rate, int seconds, Measurements transitions, Measurements webhooks)
            throws Exception {
        perTransition = transitions;
        perWebhook = webhooks;
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rate * seconds; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            ids.add(publish());
        }
        producer.flush();
        awaitDelivered(ids);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Transitions per second the service's consumer turned into notification and delivery rows since {@code from}. */
    private double routedPerSecond(Instant from) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                system.infrastructure().jdbcUrl("notifications"), system.infrastructure().databaseUser(),
                system.infrastructure().databasePassword());
                java.sql.PreparedStatement select = c.prepareStatement("select count(*),"
                        + " extract(epoch from max(created_at) - min(created_at)) from transitions where created_at >= ?")) {
            select.setTimestamp(1, java.sql.Timestamp.from(from));
            try (java.sql.ResultSet rs = select.executeQuery()) {
                rs.next();
                double seconds = rs.getDouble(2);
                return seconds <= 0 ? Double.NaN : rs.getLong(1) / seconds;
            }
        }
    }

    private String publish() {
        UUID caseId = UUID.randomUUID();
        Instant now = Instant.now();
        CaseTransition t = new CaseTransition(UUID.randomUUID(), caseId, UUID.randomUUID(),
                EventType.DEFECTION_INTENT_STATED, Category.NORTH_KOREAN_POW, TransitionStatus.APPLIED,
                CaseState.IN_CUSTODY, CaseState.INTENT_STATED, null, Urgency.HIGH, List.of(), 2, now, now, now,
                "benchmark-org", List.of("benchmark-org"));
        String eventId = t.eventId().toString();
        outstanding.put(eventId, new AtomicInteger(subscriptions));
        published.put(eventId, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.CASE_TRANSITIONS, caseId.toString(),
                EventCodec.encode(CloudEvent.transition(t, "urn:homeward:benchmark"))));
        return eventId;
    }

    private void arrived(String body, long now) {
        received.incrementAndGet();
        try {
            JsonNode data = EventCodec.mapper().readTree(body).path("data");
            String eventId = data.path("eventId").asText();
            Long sent = published.get(eventId);
            if (sent == null) {
                return;
            }
            synchronized (this) {
                perWebhook.record(now - sent);
                AtomicInteger left = outstanding.get(eventId);
                if (left != null && left.decrementAndGet() == 0) {
                    perTransition.record(now - sent);
                    outstanding.remove(eventId);
                }
                lastArrival = Math.max(lastArrival, now);
            }
        } catch (Exception e) {
            badSignatures.incrementAndGet();
        }
    }

    private void awaitDelivered(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (ids.stream().anyMatch(outstanding::containsKey)) {
            if (System.nanoTime() > deadline) {
                long missing = ids.stream().filter(outstanding::containsKey).count();
                out.printf("%d transitions not fully delivered within %s; reporting what arrived%n", missing,
                        DRAIN_LIMIT);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static boolean verify(String secret, String id, String timestamp, String body, String signature)
            throws java.io.IOException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8))))
                    .getBytes(StandardCharsets.UTF_8);
            return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new java.io.IOException(e);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private void close() {
        producer.close();
        receiver.stop(0);
    }
}
