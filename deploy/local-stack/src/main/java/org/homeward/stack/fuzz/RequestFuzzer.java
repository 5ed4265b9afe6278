package org.homeward.stack.fuzz;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.OpenApiContract;

/**
 * Sends {@link MalformedRequests} to a running service, for every operation of its committed OpenAPI document, each
 * with a valid token of a role the operation allows (so that validation is reached, not only authentication), and
 * proves what the service did with them: every answer a 4xx {@code application/problem+json} (never 5xx, never 2xx;
 * a bulk operation may answer 200 only if it refused every item with a 4xx problem, as its contract says), nothing
 * published (the end offsets of every topic unchanged) and nothing stored (the row count of every table of the
 * service's database unchanged).
 *
 * <pre>{@code
 * RequestFuzzer.Report report = RequestFuzzer.forDocument("cases-v1.yaml").port(RestAssured.port)
 *         .database("cases").pathValue("caseId", caseId).bodyLimit(64 * 1024).run();
 * report.assertEveryRequestRefused();
 * }</pre>
 */
public final class RequestFuzzer {

    /** The seed of every run: the same requests each time, so that a failure can be replayed. */
    public static final long SEED = 15_0708L;
    public static final int PER_OPERATION = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String documentName;
    private int port;
    private String database;
    private String organisation = "fuzz-org";
    private int perOperation = PER_OPERATION;
    private long seed = SEED;
    private int bodyLimit = 64 * 1024;
    private final Map<String, String> pathValues = new LinkedHashMap<>();

    private RequestFuzzer(String documentName) {
        this.documentName = documentName;
    }

    /** The committed document {@code docs/openapi/<name>}, read now (not the one the service publishes). */
    public static RequestFuzzer forDocument(String name) {
        return new RequestFuzzer(name);
    }

    public RequestFuzzer port(int port) {
        this.port = port;
        return this;
    }

    /** The service's database in the test stack, whose tables must not change. */
    public RequestFuzzer database(String database) {
        this.database = database;
        return this;
    }

    public RequestFuzzer organisation(String organisation) {
        this.organisation = organisation;
        return this;
    }

    public RequestFuzzer pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    public RequestFuzzer bodyLimit(int bytes) {
        this.bodyLimit = bytes;
        return this;
    }

    public RequestFuzzer perOperation(int count) {
        this.perOperation = count;
        return this;
    }

    public RequestFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Sends every request and answers what came back, with the state before and after. */
    public Report run() {
        OpenApiDocument document = OpenApiDocument.read(OpenApiContract.committed(documentName));
        MalformedRequests generator = new MalformedRequests(document, pathValues, bodyLimit, new Random(seed));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Snapshot before = awaitQuiet();
        List<OperationResult> results = new ArrayList<>();
        for (ApiOperation operation : document.operations()) {
            String token = HomewardTestStack.token(organisation, "fuzzer", operation.roles().toArray(String[]::new));
            boolean bulk = operation.bulk();
            OperationResult result = new OperationResult(operation.name());
            long start = System.nanoTime();
            for (FuzzRequest request : generator.forOperation(operation, perOperation)) {
                result.record(request, send(client, request, token), bulk);
            }
            result.millis = (System.nanoTime() - start) / 1_000_000;
            results.add(result);
        }
        Snapshot after = snapshot();
        try {
            // Something stored or published late (a relay, a consumer) must show within this time too.
            after = await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(this::snapshot,
                    before::equals);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            after = snapshot();
        }
        return new Report(documentName, seed, results, before, after);
    }

    private Answer send(HttpClient client, FuzzRequest request, String token) {
        String uri = "http://localhost:" + port + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        request.headers().forEach(builder::header);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            // A service that resets the connection on an oversized body has still refused it; anything else fails.
            return new Answer(-1, e.getClass().getSimpleName(), new byte[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    // ---- what was stored and published ---------------------------------------------------------------------------

    /** Row counts of every table of the database and end offsets of every topic. */
    public record Snapshot(Map<String, Long> rows, Map<String, Long> offsets) {
    }

    private Snapshot awaitQuiet() {
        Snapshot[] last = {snapshot()};
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Snapshot now = snapshot();
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same ? now : null;
        }, java.util.Objects::nonNull);
    }

    public Snapshot snapshot() {
        return new Snapshot(rows(), offsets());
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new TreeMap<>();
        if (database == null) {
            return rows;
        }
        Properties credentials = new Properties();
        credentials.put("user", HomewardTestStack.databaseUser());
        credentials.put("password", HomewardTestStack.databasePassword());
        try (Connection connection = DriverManager.getConnection(HomewardTestStack.jdbcUrl(database), credentials);
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("select table_schema, table_name from "
                    + "information_schema.tables where table_type = 'BASE TABLE' and table_schema not in "
                    + "('pg_catalog', 'information_schema')")) {
                while (names.next()) {
                    tables.add('"' + names.getString(1) + "\".\"" + names.getString(2) + '"');
                }
            }
            for (String table : tables) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                    count.next();
                    rows.put(table, count.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the rows of " + database, e);
        }
        return rows;
    }

    private static Map<String, Long> offsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                HomewardTestStack.kafkaBootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            described.values().forEach(topic -> topic.partitions().forEach(
                    p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> offsets = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> offsets.put(partition.toString(),
                    info.offset()));
            return offsets;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the topics' end offsets", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the report -----------------------------------------------------------------------------------------------

    /** What one operation answered. */
    public static final class OperationResult {
        private final String operation;
        private int sent;
        private long millis;
        private final Map<Integer, Integer> byStatus = new TreeMap<>();
        private final Map<String, Integer> byMutation = new TreeMap<>();
        private final List<String> failures = new ArrayList<>();
        private int failureCount;

        OperationResult(String operation) {
            this.operation = operation;
        }

        void record(FuzzRequest request, Answer answer, boolean bulk) {
            sent++;
            byStatus.merge(answer.status(), 1, Integer::sum);
            byMutation.merge(request.kind(), 1, Integer::sum);
            String wrong = wrong(answer, bulk);
            if (wrong != null) {
                failureCount++;
                if (failures.size() < 25) {
                    String body = new String(answer.body(), StandardCharsets.UTF_8);
                    failures.add(request.mutation() + " " + request.path() + (request.query().isEmpty() ? ""
                            : "?" + abbreviate(request.query(), 120)) + " -> " + answer.status() + " "
                            + answer.contentType() + ": " + wrong + " " + abbreviate(body, 300));
                }
            }
        }

        /** Why the answer is not a refusal, or null. */
        private static String wrong(Answer answer, boolean bulk) {
            if (answer.status() == -1) {
                return "no answer (" + answer.contentType() + ")";
            }
            if (bulk && answer.status() == 200) {
                return everyItemRefused(answer.body());
            }
            if (answer.status() < 400 || answer.status() > 499) {
                return "not a 4xx";
            }
            if (!answer.contentType().startsWith("application/problem+json")) {
                return "not a problem document";
            }
            try {
                JsonNode problem = JSON.readTree(answer.body());
                if (problem.path("status").asInt() != answer.status() || !problem.path("type").isTextual()) {
                    return "a problem without its status or type";
                }
            } catch (IOException e) {
                return "a problem that is not JSON";
            }
            return null;
        }

        private static String everyItemRefused(byte[] body) {
            try {
                JsonNode result = JSON.readTree(body);
                if (result.path("accepted").asInt(-1) != 0 || result.path("items").isEmpty()) {
                    return "a bulk answer that accepted items";
                }
                for (JsonNode item : result.get("items")) {
                    int status = item.path("problem").path("status").asInt();
                    if (!"REJECTED".equals(item.path("status").asText()) || status < 400 || status > 499) {
                        return "a bulk item not refused with a 4xx problem";
                    }
                }
                return null;
            } catch (IOException e) {
                return "a bulk answer that is not JSON";
            }
        }

        private static String abbreviate(String text, int max) {
            String printable = text.codePoints().mapToObj(c -> Character.isISOControl(c)
                    ? String.format(Locale.ROOT, "\\u%04x", c) : new String(Character.toChars(c)))
                    .collect(Collectors.joining());
            return printable.length() <= max ? printable : printable.substring(0, max) + "…";
        }

        public String operation() {
            return operation;
        }

        public int sent() {
            return sent;
        }

        public Map<Integer, Integer> byStatus() {
            return Map.copyOf(byStatus);
        }

        public List<String> failures() {
            return List.copyOf(failures);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-52s %5d requests %6d ms  statuses %s  mutations %s%s", operation, sent,
                    millis, byStatus, byMutation, failureCount == 0 ? "" : "  WRONG " + failureCount);
        }
    }

    /** Every operation's result and the state before and after. */
    public record Report(String document, long seed, List<OperationResult> operations, Snapshot before,
            Snapshot after) {

        /** Prints the table (per operation: requests, answers by status, time) and fails on any wrong answer. */
        public void assertEveryRequestRefused() {
            System.out.println(this);
            List<String> problems = new ArrayList<>();
            for (OperationResult operation : operations) {
                operation.failures.forEach(f -> problems.add(operation.operation + ": " + f));
            }
            if (!before.rows().equals(after.rows())) {
                problems.add("rows changed: " + changed(before.rows(), after.rows()));
            }
            if (!before.offsets().equals(after.offsets())) {
                problems.add("records published: " + changed(before.offsets(), after.offsets()));
            }
            if (!problems.isEmpty()) {
                throw new AssertionError(problems.size() + " wrong answers or changes:\n" + String.join("\n", problems));
            }
        }

        private static String changed(Map<String, Long> before, Map<String, Long> after) {
            Map<String, String> changes = new TreeMap<>();
            after.forEach((key, value) -> {
                if (!value.equals(before.get(key))) {
                    changes.put(key, before.get(key) + " -> " + value);
                }
            });
            return changes.toString();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("Fuzzing " + document + " (seed " + seed + "):\n");
            operations.forEach(o -> text.append("  ").append(o).append('\n'));
            text.append("  total ").append(operations.stream().mapToInt(OperationResult::sent).sum())
                    .append(" requests in ").append(operations.stream().mapToLong(o -> o.millis).sum()).append(" ms");
            return text.toString();
        }
    }
}
