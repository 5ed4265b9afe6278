package org.homeward.console.cases;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for case-service and intake in the case page's tests: a loopback HTTP server answering the case, its
 * timeline (250 entries, paged and ordered as asked), its possible duplicates, its audit trail and intake's events
 * endpoint, recording every request and body; and a fresh RSA key for the local sign-in. Used through
 * {@link Profile}, which turns off the console's global stand-in ({@code web.FakeHomeward}) for these tests.
 */
public class CasePageStandIn implements QuarkusTestResourceLifecycleManager {

    /** Owned by defector-org; three possible duplicates, two of them visible. */
    public static final String CASE_ID = "0b7ad0f4-52d5-4bd6-9a37-43a2a6a1b0f1";
    /** A case whose possible duplicates cannot be read (the service answers 503). */
    public static final String FAILING_CASE_ID = "1c8be105-63e6-4ce7-8b48-54b3b7b2c102";
    public static final String DUPLICATE_1 = "8c3a3ad4-2f4e-4f59-9b59-3fcd3a8f4c1e";
    public static final String DUPLICATE_2 = "9d4b4be5-3f5f-4a6a-8c6a-4ade4b9a5d2f";
    public static final String OWNER = "defector-org";
    public static final int TIMELINE_TOTAL = 250;
    public static final int AUDIT_TOTAL = 45;

    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    /** Bodies of POSTs to intake's events endpoint, in order. */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private static final Pattern PARAM = Pattern.compile("(?:^|&)([^=&]+)=([^&]*)");

    /** The console's tests of the case page run against this stand-in only. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CasePageStandIn.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    static String kase(String caseId, long possibleDuplicates) {
        return """
                {"caseId": "%s", "category": "DEFECTOR", "state": "IN_CUSTODY",
                 "person": {"hangulName": "김광원", "romanizedNames": ["Kim Kwang-won"], "birthYear": 1990},
                 "hangulNameRomanized": {"revised": "Gim Gwangwon", "mccuneReischauer": "Kim Kwangwŏn"},
                 "ownerOrganisation": "%s", "version": 250, "vitalStatus": "ALIVE", "vitalClaims": [],
                 "conflicts": [], "possibleDuplicates": %d,
                 "openedAt": "2025-01-09T06:00:00Z", "updatedAt": "2025-01-10T06:00:00Z"}"""
                .formatted(caseId, OWNER, possibleDuplicates);
    }

    static final String DUPLICATES = """
            {"items": [
              {"caseId": "%s", "category": "SOUTH_KOREAN_POW", "state": "REPORTED",
               "person": {"romanizedNames": ["Kim Kwang-won"], "birthYear": 1990}, "ownerOrganisation": "partner-ngo",
               "version": 0, "conflicts": [], "possibleDuplicates": 1,
               "openedAt": "2025-02-01T00:00:00Z", "updatedAt": "2025-02-01T00:00:00Z"},
              {"caseId": "%s", "category": "DEFECTOR", "state": "TRANSFERRED",
               "person": {"hangulName": "김광원", "romanizedNames": [], "birthYear": 1991},
               "hangulNameRomanized": {"revised": "Gim Gwangwon", "mccuneReischauer": "Kim Kwangwŏn"},
               "ownerOrganisation": "defector-org", "version": 4, "conflicts": [], "possibleDuplicates": 1,
               "openedAt": "2025-03-01T00:00:00Z", "updatedAt": "2025-03-01T00:00:00Z"}],
             "page": 0, "size": 20, "total": 2}""".formatted(DUPLICATE_1, DUPLICATE_2);

    /** The entry at {@code index} (from 0) of the whole timeline in the order asked for. */
    static String entry(int index, boolean arrival) {
        // In the order things happened, the entries arrived in the reverse order: sequence counts down.
        long sequence = arrival ? 1000 + index : 1000 + (TIMELINE_TOTAL - 1 - index);
        String eventId = "%08d-0000-4000-8000-%012d".formatted(sequence, sequence);
        return """
                {"sequence": %d, "eventId": "%s", "type": "NOTE_ADDED", "occurredAt": "2025-01-09T06:00:00Z",
                 "receivedAt": "2025-01-10T06:00:00Z", "reportedBy": "defector-org", "status": "APPLIED",
                 "fromState": "IN_CUSTODY", "toState": "IN_CUSTODY", "alerts": [], "urgency": "NORMAL",
                 "text": "note %d"}""".formatted(sequence, eventId, sequence);
    }

    static String timeline(Map<String, String> params) {
        int page = Integer.parseInt(params.getOrDefault("page", "0"));
        int size = Integer.parseInt(params.getOrDefault("size", "20"));
        boolean arrival = "arrival".equals(params.get("order"));
        List<String> items = new ArrayList<>();
        for (int i = page * size; i < Math.min(TIMELINE_TOTAL, (page + 1) * size); i++) {
            items.add(entry(i, arrival));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"page\": " + page + ", \"size\": " + size
                + ", \"total\": " + TIMELINE_TOTAL + "}";
    }

    static String audit(Map<String, String> params) {
        int page = Integer.parseInt(params.getOrDefault("page", "0"));
        int size = Integer.parseInt(params.getOrDefault("size", "20"));
        List<String> items = new ArrayList<>();
        for (int i = page * size; i < Math.min(AUDIT_TOTAL, (page + 1) * size); i++) {
            long id = 2000 - i;
            items.add("""
                    {"id": %d, "readAt": "2026-11-30T08:12:03.118Z", "subject": "reader-%d",
                     "organisation": "%s", "caseId": "%s", "endpoint": "GET /api/v1/cases/{caseId}/timeline"}"""
                    .formatted(id, id, i % 2 == 0 ? "partner-ngo" : OWNER, params.get("caseId")));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"page\": " + page + ", \"size\": " + size
                + ", \"total\": " + AUDIT_TOTAL + "}";
    }

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createDirectories(Path.of("target", "test-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path pem = keys.resolve("casepage-private.pem");
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of("homeward.console.intake-url", url, "homeward.console.case-url", url,
                    "homeward.console.notification-url", url,
                    "homeward.console.local-sign-in.private-key", pem.toAbsolutePath().toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        REQUESTS.add(method + " " + path + (query == null ? "" : "?" + query));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new java.util.HashMap<>();
        if (query != null) {
            Matcher m = PARAM.matcher(query);
            while (m.find()) {
                params.put(m.group(1), java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
            }
        }
        if (auth == null || !auth.startsWith("Bearer ey")) {
            send(exchange, 401, "application/problem+json", "{\"type\": \"https://homeward.org/problems/unauthorized\"}");
            return;
        }
        String cases = "/api/v1/cases/";
        if (method.equals("GET") && path.equals(cases + CASE_ID)) {
            send(exchange, 200, "application/json", kase(CASE_ID, 3));
        } else if (method.equals("GET") && path.equals(cases + FAILING_CASE_ID)) {
            send(exchange, 200, "application/json", kase(FAILING_CASE_ID, 1));
        } else if (method.equals("GET") && path.endsWith("/timeline")) {
            send(exchange, 200, "application/json", timeline(params));
        } else if (method.equals("GET") && path.equals(cases + CASE_ID + "/possible-duplicates")) {
            send(exchange, 200, "application/json", DUPLICATES);
        } else if (method.equals("GET") && path.equals(cases + FAILING_CASE_ID + "/possible-duplicates")) {
            send(exchange, 503, "application/problem+json", "{\"type\": \"https://homeward.org/problems/unavailable\","
                    + " \"title\": \"Unavailable\", \"status\": 503}");
        } else if (method.equals("GET") && path.equals("/api/v1/audit")) {
            send(exchange, 200, "application/json", audit(params));
        } else if (method.equals("GET") && path.equals("/api/v1/notifications")) {
            send(exchange, 200, "application/json", "{\"items\": [], \"page\": 0, \"size\": 1, \"total\": 0}");
        } else if (method.equals("POST") && path.equals(cases + CASE_ID + "/events")) {
            EVENTS.add(body);
            if (body.contains("\"organisation\":\"refuse-me\"")) {
                send(exchange, 422, "application/problem+json", """
                        {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                         "status": 422, "detail": "2 fields are not valid",
                         "errors": [{"pointer": "/organisation", "detail": "has no access to this case to revoke"},
                                    {"pointer": "/occurredAt", "detail": "must not be in the future"}]}""");
            } else {
                send(exchange, 202, "application/json", "{\"caseId\": \"" + CASE_ID + "\"}");
            }
        } else {
            send(exchange, 404, "application/problem+json", "{\"type\": \"https://homeward.org/problems/not-found\","
                    + " \"title\": \"Not found\", \"status\": 404}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
