package org.homeward.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.homeward.stack.TopicProbe;

/**
 * The chaos run ({@code ./homeward chaos}): the whole system on a throwaway data folder takes {@code --events} events
 * over {@code --cases} cases from {@code --threads} partner threads with keyed retries ({@link Partners}), while a
 * fault schedule ({@link Faults}) kills each service with SIGKILL several times, restarts the broker, stops and starts
 * PostgreSQL and freezes it. Then it waits for the backlog to drain and counts, through the APIs as partners and
 * caseworkers see them (and the notification database for the feed):
 *
 * <ul>
 * <li><b>accepted</b>: events intake answered 202 (a replay with the same key counts once);</li>
 * <li><b>applied</b>: accepted events that are in their case's timeline ({@code GET /cases/{id}/timeline?order=arrival});
 * an event is recognised by its type and {@code occurredAt}, which are unique within its case;</li>
 * <li><b>lost</b>: accepted events that are not; <b>applied twice</b>: extra entries of one event;</li>
 * <li><b>out of order</b>: events whose timeline entry arrived before that of an event of the same case the partner had
 * got accepted earlier (a case's events are sent one after the other, each after the previous one's 202);</li>
 * <li><b>notifications missing / doubled</b>: three subscriptions take every applied event's transition: a webhook
 * (every transition, counted at the receiver by {@code webhook-id} and by event), the feed (every transition, counted
 * in the notification database per event) and e-mail (TRANSFERRED only, counted per case and per
 * {@code X-Homeward-Notification} in the mail the local SMTP server received). Missing: an expected one that never
 * arrived; doubled: a second webhook-id, feed item or e-mail notification for the same event. A copy (the same
 * webhook-id or notification's e-mail again, as an attempt of unknown outcome is sent again) is not a double: a
 * receiver that keeps ids drops it; copies are counted and printed apart.</li>
 * </ul>
 *
 * <p>Usage: {@code ./homeward chaos [--events 100000] [--cases 5000] [--threads 8] [--kills 3] [--broker-restarts 2]
 * [--postgres-restarts 2] [--postgres-pauses 1] [--outage-seconds 20] [--send-minutes 120] [--drain-minutes 30]}.
 * A quick try: {@code ./homeward chaos --events 5000 --cases 250}. Only 127.0.0.1 is called.
 */
public final class ChaosRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORGANISATION = "chaos-org";

    private final LocalSystem system;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> subscriptions = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();

    private ChaosRun(LocalSystem system, PrintStream out) {
        this.system = system;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int events = intArg(args, "--events", 100_000);
        int cases = intArg(args, "--cases", 5_000);
        int threads = intArg(args, "--threads", 8);
        int kills = intArg(args, "--kills", 3);
        int brokerRestarts = intArg(args, "--broker-restarts", 2);
        int postgresRestarts = intArg(args, "--postgres-restarts", 2);
        int postgresPauses = intArg(args, "--postgres-pauses", 1);
        int outageSeconds = intArg(args, "--outage-seconds", 20);
        int sendMinutes = intArg(args, "--send-minutes", 120);
        int drainMinutes = intArg(args, "--drain-minutes", 30);
        if (cases < 1 || events < cases) {
            throw new IllegalArgumentException("--events must be at least --cases (each case is opened)");
        }
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Chaos run: %,d events over %,d cases from %d partner threads; faults: SIGKILL of each "
                + "service %d times, broker restarted %d, PostgreSQL restarted %d and paused %d times, %d s each%n",
                events, cases, threads, kills, brokerRestarts, postgresRestarts, postgresPauses, outageSeconds);
        out.println("Starting a throwaway Homeward (Kafka, PostgreSQL, SMTP, three services) ...");
        Path apps = snapshotApplications(root, root.resolve("deploy/benchmarks/target/chaos-apps"));
        String build = describeBuild(root);
        out.println("Services: " + build);
        LocalSystem.Options benchmark = LocalSystem.Options.forBenchmarks(root,
                root.resolve("deploy/benchmarks/target/chaos-run"));
        LocalSystem.Options options = new LocalSystem.Options(apps, benchmark.dataDir(), benchmark.stackPorts(),
                benchmark.servicePorts(), benchmark.jvmOptions(), benchmark.fresh(), benchmark.smtpPort());
        try (LocalSystem system = LocalSystem.start(options, out);
                WebhookReceiver receiver = new WebhookReceiver()) {
            ChaosRun run = new ChaosRun(system, out);
            run.report.add("services: " + build);
            run.run(receiver, events, cases, threads, new Faults(system, out, kills, brokerRestarts, postgresRestarts,
                    postgresPauses, Duration.ofSeconds(outageSeconds), run.start), Duration.ofMinutes(sendMinutes),
                    Duration.ofMinutes(drainMinutes));
            Path file = root.resolve("deploy/benchmarks/target/benchmarks/ChaosRun.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "== " + Instant.now() + " " + String.join(" ", args) + "\n"
                    + String.join("\n", run.report) + "\n\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        keepLogs(root.resolve("deploy/benchmarks/target/chaos-run/logs"), root.resolve(
                "deploy/benchmarks/target/benchmarks/chaos-logs-" + Instant.now().toString().replace(':', '-')), out);
    }

    /** The next run starts on empty data: the services' and PostgreSQL's logs are kept beside the report. */
    private static void keepLogs(Path logs, Path kept, PrintStream out) {
        try (var files = Files.list(logs)) {
            Files.createDirectories(kept);
            for (Path log : files.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()));
            }
            out.println("Logs kept in " + kept);
        } catch (IOException e) {
            out.println("Logs not kept: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Copies the three services' packaged applications to {@code target}: a service restarted in the middle of the run
     * starts from the same build as at the beginning, even if a build in the working tree replaces the originals.
     * Answers the folder to use as the project root for {@link LocalSystem}.
     */
    private static Path snapshotApplications(Path root, Path target) throws IOException {
        for (HomewardService service : HomewardService.APIS) {
            Path from = service.runnerJar(root).getParent();
            Path to = service.runnerJar(target).getParent();
            if (Files.exists(to)) {
                try (var old = Files.walk(to)) {
                    for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (var files = Files.walk(from)) {
                for (Path p : files.toList()) {
                    Path copy = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(p, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return target;
    }

    /** The commit the services were built on, whether the tree had other changes, and when each jar was built. */
    private static String describeBuild(Path root) {
        StringBuilder build = new StringBuilder();
        try {
            Process head = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile()).start();
            build.append("built on commit ").append(new String(head.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).trim());
            Process status = new ProcessBuilder("git", "--no-optional-locks", "status", "--porcelain",
                    "--untracked-files=no")
                    .directory(root.toFile()).start();
            long changed = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
            build.append(changed == 0 ? " (clean tree)" : " with " + changed + " files changed in the working tree");
        } catch (IOException e) {
            build.append("commit unknown");
        }
        for (HomewardService service : HomewardService.APIS) {
            try {
                build.append("; ").append(service.module()).append(" jar of ")
                        .append(Files.getLastModifiedTime(service.runnerJar(root)).toInstant());
            } catch (IOException e) {
                build.append("; ").append(service.module()).append(" jar missing");
            }
        }
        return build.toString();
    }

    private void run(WebhookReceiver receiver, int eventCount, int caseCount, int threads, Faults faults,
            Duration sendLimit, Duration drainLimit) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<CasePlan> cases = new ArrayList<>();
        for (int c = 0; c < caseCount; c++) {
            int count = eventCount / caseCount + (c < eventCount % caseCount ? 1 : 0);
            cases.add(CasePlan.of(runId, c, count));
        }
        subscribe(receiver);
        out.println("Planned faults, in order: " + faults.planned());

        long sendStart = System.nanoTime();
        Partners partners = new Partners(system.baseUrl(HomewardService.INTAKE),
                t -> system.token(ORGANISATION, "partner-" + t, "reporter"), cases, threads, sendLimit, start);
        Thread faultThread = new Thread(() -> {
            try {
                faults.run(() -> pipelineProgress(partners, receiver), eventCount);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faults");
        faultThread.start();
        Thread progress = progressPrinter(partners, eventCount, receiver);
        partners.run();
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        out.printf(Locale.ROOT, "[%7.1f s] partners done: %,d accepted, %,d refused, %,d requests%n", seconds(),
                partners.accepted.get(), partners.refused.get(), partners.requests.get());
        faultThread.join();
        progress.interrupt();

        List<CasePlan.Event> acceptedEvents = cases.stream().flatMap(c -> c.events.stream())
                .filter(e -> e.accepted).toList();
        long transfers = acceptedEvents.stream().filter(e -> e.type.equals("TRANSFERRED")).count();
        out.printf(Locale.ROOT, "[%7.1f s] draining: waiting for the case service and the notifications%n", seconds());
        long deadline = System.nanoTime() + drainLimit.toNanos();
        awaitSettled("timeline entries", acceptedEvents.size(),
                () -> count("cases", "select count(*) from timeline_entries"), deadline, Duration.ofMinutes(3));
        awaitSettled("webhooks (events)", acceptedEvents.size(), () -> receiver.byEventId.size(), deadline,
                Duration.ofMinutes(3));
        awaitSettled("feed notifications", acceptedEvents.size(), () -> count("notifications",
                "select count(*) from notifications where subscription_id = '" + subscriptions.get("FEED") + "'"),
                deadline, Duration.ofMinutes(1));
        awaitSettled("e-mails", transfers, () -> system.mail().received(), deadline, Duration.ofMinutes(1));
        TimeUnit.SECONDS.sleep(10); // stragglers: a second delivery of something already counted
        double totalSeconds = seconds();

        verify(cases, acceptedEvents, partners, faults, receiver, sendSeconds, totalSeconds);
    }

    /** The last count of timeline entries read, kept while the database cannot answer. */
    private volatile long appliedSoFar;

    /**
     * How far the whole pipeline got, in events: the mean of the events accepted, the timeline entries and the events
     * whose webhook arrived. Faults spread over this, so the later ones fall while the case service and the
     * notification service work off their backlog, not only while the partners send.
     */
    private long pipelineProgress(Partners partners, WebhookReceiver receiver) {
        try {
            appliedSoFar = count("cases", "select count(*) from timeline_entries");
        } catch (RuntimeException e) {
            // PostgreSQL is away: keep the last count
        }
        return (partners.accepted.get() + appliedSoFar + receiver.byEventId.size()) / 3;
    }

    private void subscribe(WebhookReceiver receiver) throws IOException, InterruptedException {
        String advocate = system.token(ORGANISATION, "advocate-1", "advocate");
        String webhook = subscribe(advocate, "{\"channel\": \"WEBHOOK\", \"target\": \"" + receiver.url()
                + "\", \"categories\": [\"NORTH_KOREAN_POW\"], \"minUrgency\": \"LOW\"}", "WEBHOOK");
        receiver.secret(webhook);
        subscribe(advocate, "{\"channel\": \"FEED\", \"categories\": [\"NORTH_KOREAN_POW\"], \"minUrgency\": \"LOW\"}",
                "FEED");
        subscribe(advocate, "{\"channel\": \"EMAIL\", \"target\": \"advocate-1@homeward.test\", "
                + "\"eventTypes\": [\"TRANSFERRED\"]}", "EMAIL");
        out.println("Subscribed advocate-1 of " + ORGANISATION + ": a webhook and the feed for every transition, "
                + "e-mail for TRANSFERRED");
    }

    /** Creates a subscription; answers its secret (webhooks) and keeps its id under {@code name}. */
    private String subscribe(String token, String body, String name) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(system.baseUrl(HomewardService.NOTIFICATION)
                        .resolve("/api/v1/subscriptions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("subscription refused: " + created.statusCode() + " " + created.body());
        }
        JsonNode answer = JSON.readTree(created.body());
        subscriptions.put(name, answer.path("id").asText());
        return answer.path("secret").asText(null);
    }

    private Thread progressPrinter(Partners partners, int total, WebhookReceiver receiver) {
        Thread printer = new Thread(() -> {
            try {
                while (true) {
                    TimeUnit.SECONDS.sleep(15);
                    out.printf(Locale.ROOT, "[%7.1f s] accepted %,d of %,d; timeline entries %,d; webhooks "
                            + "received %,d%n", seconds(), partners.accepted.get(), total, appliedSoFar,
                            receiver.received.get());
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "progress");
        printer.setDaemon(true);
        printer.start();
        return printer;
    }

    /**
     * Waits until {@code counter} reaches {@code expected}, or has not moved for {@code quiet}, or the deadline passed;
     * a counter that cannot be read (a database restarting) counts as not moving.
     */
    private void awaitSettled(String what, long expected, LongSupplier counter, long deadline, Duration quiet)
            throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        long lastPrint = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now;
            try {
                now = counter.getAsLong();
            } catch (RuntimeException e) {
                now = last;
            }
            if (now >= expected) {
                out.printf(Locale.ROOT, "[%7.1f s]   %s: %,d of %,d%n", seconds(), what, now, expected);
                return;
            }
            if (System.nanoTime() - lastPrint > TimeUnit.MINUTES.toNanos(1)) {
                lastPrint = System.nanoTime();
                out.printf(Locale.ROOT, "[%7.1f s]   %s: %,d of %,d so far%n", seconds(), what, now, expected);
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
                break;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        out.printf(Locale.ROOT, "[%7.1f s]   %s: %,d of %,d, no further progress; counting what arrived%n", seconds(),
                what, last, expected);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Counting

    private void verify(List<CasePlan> cases, List<CasePlan.Event> acceptedEvents, Partners partners, Faults faults,
            WebhookReceiver receiver, double sendSeconds, double totalSeconds) throws Exception {
        Map<CasePlan, List<JsonNode>> timelines = timelines(cases);

        long applied = 0;
        long lost = 0;
        long appliedTwice = 0;
        long outOfOrder = 0;
        long casesOutOfOrder = 0;
        long rejected = 0;
        long idDiffers = 0;
        long unplanned = 0;
        long appliedNotAccepted = 0;
        long unreadable = 0;
        Map<String, String> appliedEventIds = new HashMap<>(); // event id -> type, of every applied accepted event
        List<String> examples = new ArrayList<>();
        for (CasePlan plan : cases) {
            if (plan.caseId == null) {
                continue;
            }
            List<JsonNode> entries = timelines.get(plan);
            if (entries == null) {
                unreadable++;
                continue;
            }
            Map<String, CasePlan.Event> byTypeAndTime = new HashMap<>();
            plan.events.forEach(e -> byTypeAndTime.put(e.type + "@" + e.occurredAt, e));
            Map<CasePlan.Event, Integer> seen = new HashMap<>();
            int highest = -1;
            boolean caseOutOfOrder = false;
            for (JsonNode entry : entries) { // in arrival order
                String type = entry.path("type").asText();
                Instant occurredAt = Instant.parse(entry.path("occurredAt").asText());
                CasePlan.Event event = byTypeAndTime.get(type + "@" + occurredAt);
                if (event == null) {
                    unplanned++;
                    continue;
                }
                seen.merge(event, 1, Integer::sum);
                if (!event.accepted) {
                    appliedNotAccepted++;
                }
                if (event.eventId != null && !event.eventId.equals(entry.path("eventId").asText())) {
                    idDiffers++;
                }
                if ("REJECTED".equals(entry.path("status").asText())) {
                    rejected++;
                    if (examples.size() < 5) {
                        examples.add("rejected: case " + plan.caseId + " " + type + " (" + entry.path("reason").asText()
                                + ")");
                    }
                }
                if (event.index < highest) {
                    outOfOrder++;
                    caseOutOfOrder = true;
                    if (examples.size() < 10) {
                        examples.add("out of order: case " + plan.caseId + " event " + event.index + " (" + type
                                + ") arrived after event " + highest);
                    }
                }
                highest = Math.max(highest, event.index);
            }
            if (caseOutOfOrder) {
                casesOutOfOrder++;
            }
            for (CasePlan.Event event : plan.events) {
                if (!event.accepted) {
                    continue;
                }
                int times = seen.getOrDefault(event, 0);
                if (times == 0) {
                    lost++;
                    if (examples.size() < 15) {
                        examples.add("lost: case " + plan.caseId + " event " + event.index + " " + event.type + " "
                                + event.eventId + " (accepted at " + String.format(Locale.ROOT, "%.1f s",
                                event.acceptedAt) + ")");
                    }
                } else {
                    applied++;
                    appliedTwice += times - 1;
                    appliedEventIds.put(event.eventId, event.type);
                }
            }
        }

        // Webhooks: every applied event's transition under one webhook-id; copies of an id are counted apart.
        long webhookMissing = 0;
        long webhookDoubled = 0;
        long webhookCopies = 0;
        for (String eventId : appliedEventIds.keySet()) {
            Set<String> ids = receiver.byEventId.get(eventId);
            if (ids == null) {
                webhookMissing++;
            } else {
                webhookDoubled += ids.size() - 1;
            }
        }
        for (var arrivals : receiver.byWebhookId.values()) {
            webhookCopies += arrivals.get() - 1;
        }
        long webhookUnexpected = receiver.byEventId.keySet().stream().filter(id -> !appliedEventIds.containsKey(id))
                .count();

        // Feed: one notification per applied event's transition, in the notification database.
        Map<String, Integer> feed = perEvent("select t.event_id, count(*) from notifications n join transitions t "
                + "on t.transition_id = n.transition_id where n.subscription_id = '" + subscriptions.get("FEED")
                + "' group by t.event_id");
        long feedMissing = appliedEventIds.keySet().stream().filter(id -> !feed.containsKey(id)).count();
        long feedDoubled = feed.values().stream().mapToLong(n -> n - 1).sum();
        long feedUnexpected = feed.keySet().stream().filter(id -> !appliedEventIds.containsKey(id)).count();

        // E-mail: one per applied TRANSFERRED, i.e. one per case, as the SMTP server received them.
        Map<String, Set<String>> mailPerCase = new HashMap<>();
        Map<String, Integer> mailPerNotification = new HashMap<>();
        long mails = readMail(mailPerCase, mailPerNotification);
        long mailCopies = mailPerNotification.values().stream().mapToLong(n -> n - 1).sum();
        Set<String> transferredCases = new HashSet<>();
        for (CasePlan plan : cases) {
            plan.events.stream().filter(e -> e.type.equals("TRANSFERRED") && appliedEventIds.containsKey(e.eventId))
                    .findAny().ifPresent(e -> transferredCases.add(plan.caseId));
        }
        long mailMissing = transferredCases.stream().filter(c -> !mailPerCase.containsKey(c)).count();
        long mailDoubled = mailPerCase.values().stream().mapToLong(n -> n.size() - 1).sum();

        long notificationsMissing = webhookMissing + feedMissing + mailMissing;
        long notificationsDoubled = webhookDoubled + feedDoubled + mailDoubled;

        // Report.
        line("== Chaos run: " + acceptedEvents.size() + " events accepted of " + cases.stream()
                .mapToInt(c -> c.events.size()).sum() + " planned, " + cases.size() + " cases ==");
        line("accepted                %,9d", acceptedEvents.size());
        line("applied                 %,9d", applied);
        line("lost                    %,9d", lost);
        line("applied twice           %,9d", appliedTwice);
        line("out of order            %,9d  (in %d cases)", outOfOrder, casesOutOfOrder);
        line("notifications missing   %,9d  (webhook %d, feed %d, e-mail %d)", notificationsMissing, webhookMissing,
                feedMissing, mailMissing);
        line("notifications doubled   %,9d  (webhook %d, feed %d, e-mail %d)", notificationsDoubled, webhookDoubled,
                feedDoubled, mailDoubled);
        line("time taken              %s (sending %s; then draining the backlog)", minutes(totalSeconds),
                minutes(sendSeconds));
        line("");
        line("partners: %,d requests for %,d accepted events (%,d answered as replays), %,d refused (4xx, not "
                + "retried), longest single event %.1f s from first attempt to 202", partners.requests.get(),
                partners.accepted.get(), partners.replayed.get(), partners.refused.get(),
                partners.longestEventSeconds);
        line("retried answers: %s", partners.retriedSorted());
        line("answers other than 202, by the latest fault begun (until 10 s after every service was ready "
                + "again): %s", byFault(partners, faults));
        partners.refusals.forEach(r -> line("  refused: %s", r));
        line("timeline: %,d entries rejected, %,d with another event id than intake answered, %,d not sent by the "
                + "partners, %,d applied though never accepted, %,d cases unreadable", rejected, idDiffers, unplanned,
                appliedNotAccepted, unreadable);
        line("webhooks: %,d received, %,d distinct webhook-ids (%,d copies of an id already received), %,d bad "
                + "signatures, %,d about no event or an event not sent, %,d without an event", receiver.received.get(),
                receiver.byWebhookId.size(), webhookCopies, receiver.badSignatures.get(), webhookUnexpected,
                receiver.withoutEvent.get());
        line("feed: %,d notifications for %,d events, %,d for events not sent", feed.values().stream()
                .mapToLong(Integer::longValue).sum(), feed.size(), feedUnexpected);
        line("e-mail: %,d received (%,d distinct notifications, %,d copies of one already received) for %,d "
                + "transferred cases", mails, mailPerNotification.size(), mailCopies, transferredCases.size());
        line("deliveries by status: %s", groupCount("notifications",
                "select channel || ' ' || status, count(*) from deliveries group by 1"));
        line("cases by state: %s", groupCount("cases", "select state, count(*) from cases group by 1"));
        line("dead-lettered records: case-events-dlq %d, case-transitions-dlq %d", topicSize("case-events-dlq"),
                topicSize("case-transitions-dlq"));
        examples.forEach(e -> line("  %s", e));
        line("");
        line("faults injected (%d):", faults.injected.size());
        for (Faults.Injected f : List.copyOf(faults.injected)) {
            line("  at %7.1f s  %-52s away %5.1f s, all ready after %5.1f s%s", f.at(), f.kind().what, f.outage(),
                    f.readyAfter(), f.note().isEmpty() ? "" : " (" + f.note() + ")");
        }
    }

    /** The partners' answers other than 202 grouped by the fault during (or just after) which they came. */
    private static Map<String, Map<String, Long>> byFault(Partners partners, Faults faults) {
        List<Faults.Injected> injected = List.copyOf(faults.injected);
        Map<String, Map<String, Long>> grouped = new LinkedHashMap<>();
        for (var failure : List.copyOf(partners.failures)) {
            String window = "outside any fault";
            for (Faults.Injected f : injected) {
                if (failure.getKey() >= f.at() && failure.getKey() <= f.at() + f.readyAfter() + 10) {
                    window = String.format(Locale.ROOT, "%s at %.0f s", f.kind(), f.at()); // the latest one wins
                }
            }
            grouped.computeIfAbsent(window, k -> new TreeMap<>()).merge(failure.getValue(), 1L, Long::sum);
        }
        return grouped;
    }

    /** Every case's timeline in arrival order, read through the case API as a caseworker; null where unreadable. */
    private Map<CasePlan, List<JsonNode>> timelines(List<CasePlan> cases) throws Exception {
        String token = system.token(ORGANISATION, "chaos-auditor", "caseworker");
        URI base = system.baseUrl(HomewardService.CASE);
        Map<CasePlan, List<JsonNode>> timelines = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> reads = new ArrayList<>();
        for (CasePlan plan : cases) {
            if (plan.caseId == null) {
                continue;
            }
            reads.add(readers.submit(() -> {
                List<JsonNode> entries = new ArrayList<>();
                for (int page = 0; page < 1000; page++) {
                    JsonNode answer = get(base.resolve("/api/v1/cases/" + plan.caseId
                            + "/timeline?order=arrival&size=100&page=" + page), token);
                    if (answer == null) {
                        return null;
                    }
                    answer.path("items").forEach(entries::add);
                    if (answer.path("items").size() < 100) {
                        break;
                    }
                }
                timelines.put(plan, entries);
                return null;
            }));
        }
        for (Future<?> read : reads) {
            read.get();
        }
        readers.shutdown();
        return timelines;
    }

    /** A GET that answers JSON, retried a few times; null if it never answered 200 (a case not found: 404). */
    private JsonNode get(URI uri, String token) throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
                if (response.statusCode() == 404) {
                    return JSON.createObjectNode().set("items", JSON.createArrayNode());
                }
            } catch (IOException e) {
                // retried
            }
            TimeUnit.SECONDS.sleep(1);
        }
        return null;
    }

    /** The e-mails the SMTP server wrote to its folder: per case (from the subject) and per notification header. */
    private long readMail(Map<String, Set<String>> perCase, Map<String, Integer> perNotification) throws IOException,
            InterruptedException {
        Path folder = system.mail().folder();
        long expected = system.mail().received();
        for (int i = 0; i < 20; i++) { // the sink writes its files every half second
            try (var files = Files.list(folder)) {
                if (files.count() >= expected) {
                    break;
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        long count = 0;
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                count++;
                List<String> headers = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    if (line.isEmpty()) {
                        break; // end of the headers
                    }
                    if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                        headers.set(headers.size() - 1, headers.get(headers.size() - 1) + " " + line.trim()); // folded
                    } else {
                        headers.add(line);
                    }
                }
                String notification = null;
                String caseId = null;
                for (String line : headers) {
                    if (line.startsWith("X-Homeward-Notification:")) {
                        notification = line.substring(line.indexOf(':') + 1).trim();
                    } else if (line.startsWith("Subject:") && line.contains(" on case ")) {
                        caseId = line.substring(line.lastIndexOf(' ') + 1).trim();
                    }
                }
                if (notification != null) {
                    perNotification.merge(notification, 1, Integer::sum);
                }
                if (caseId != null) {
                    perCase.computeIfAbsent(caseId, k -> new HashSet<>()).add(String.valueOf(notification));
                }
            }
        }
        return count;
    }

    private long topicSize(String topic) {
        try (TopicProbe probe = new TopicProbe(system.infrastructure().kafkaBootstrapServers(), topic)) {
            return probe.recordsToEnd(Duration.ofSeconds(30)).size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(system.infrastructure().jdbcUrl(database),
                system.infrastructure().databaseUser(), system.infrastructure().databasePassword());
    }

    private long count(String database, String sql) {
        try (Connection c = connect(database); PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> perEvent(String sql) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect("notifications"); PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private Map<String, Long> groupCount(String database, String sql) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect(database); PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            counts.put("unreadable: " + e.getSQLState(), -1L);
        }
        return counts;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        out.println(text);
    }

    private static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
