package org.homeward.console.subscriptions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for notification-service's subscriptions and deliveries in the subscriptions tests: a loopback server
 * answering with the real shapes (and its problems), recording every request and body. Ordered after the global
 * {@code FakeHomeward}, so that its addresses win for the test classes that use it.
 */
public class FakeNotifications implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_ID = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f";
    public static final String FEED_ID = "1c8f5b2d-6e3a-4f9b-8d4c-2b3c4d5e6f70";
    public static final String CREATED_ID = "2d9a6c3e-7f4b-4a0c-9e5d-3c4d5e6f7a81";
    public static final String DEAD_ID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    public static final String DELIVERED_ID = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c";
    public static final String CASE_ID = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c";
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<String> BODIES = new CopyOnWriteArrayList<>();

    static final String WEBHOOK = """
            {"id": "%s", "channel": "WEBHOOK", "target": "https://alerts.example.org/homeward", "caseIds": [],
             "categories": ["NORTH_KOREAN_POW"], "eventTypes": [], "minUrgency": "HIGH",
             "createdAt": "2026-02-01T09:00:00Z"}""".formatted(WEBHOOK_ID);
    static final String FEED = """
            {"id": "%s", "channel": "FEED", "caseIds": ["%s"], "categories": [],
             "eventTypes": ["DEFECTION_INTENT_STATED", "TRANSFERRED"], "minUrgency": "NORMAL",
             "createdAt": "2026-01-15T08:00:00Z"}""".formatted(FEED_ID, CASE_ID);
    static final String DEAD = """
            {"id": "%s", "notificationId": "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "subscriptionId": "%s",
             "channel": "WEBHOOK", "caseId": "%s", "status": "DEAD", "createdAt": "2026-02-01T09:05:01Z",
             "deadAt": "2026-02-02T09:05:01Z", "lastError": "HTTP 410",
             "attempts": [
               {"attempt": 1, "startedAt": "2026-02-01T09:05:01Z", "durationMs": 84, "outcome": "RETRY",
                "statusCode": 503, "error": "HTTP 503", "nextAttemptAt": "2026-02-01T09:05:06Z"},
               {"attempt": 2, "startedAt": "2026-02-01T09:05:06Z", "durationMs": 10002, "outcome": "DEAD",
                "statusCode": 410, "error": "HTTP 410"}]}""".formatted(DEAD_ID, WEBHOOK_ID, CASE_ID);
    static final String DELIVERED = """
            {"id": "%s", "notificationId": "4d2e3f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a", "subscriptionId": "%s",
             "channel": "WEBHOOK", "caseId": "%s", "status": "DELIVERED", "createdAt": "2026-02-03T09:05:01Z",
             "deliveredAt": "2026-02-03T09:05:02Z",
             "attempts": [{"attempt": 1, "startedAt": "2026-02-03T09:05:01Z", "durationMs": 40,
                           "outcome": "DELIVERED", "statusCode": 204}]}""".formatted(DELIVERED_ID, WEBHOOK_ID,
            CASE_ID);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createDirectories(Path.of("target", "test-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path pem = keys.resolve("subscriptions-private.pem");
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
        REQUESTS.add(method + " " + path + (query == null ? "" : "?" + query) + " auth=" + (auth != null
                && auth.startsWith("Bearer ey")));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            BODIES.add(body);
        }
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(exchange, 401, "application/problem+json", "{\"type\": \"https://homeward.org/problems/unauthorized\"}");
        } else if (method.equals("GET") && path.equals("/api/v1/subscriptions")) {
            send(exchange, 200, "application/json", "{\"items\": [" + WEBHOOK + ", " + FEED
                    + "], \"page\": 0, \"size\": 100, \"total\": 2}");
        } else if (method.equals("POST") && path.equals("/api/v1/subscriptions")) {
            if (body.contains("http://")) {
                send(exchange, 422, "application/problem+json", """
                        {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                         "status": 422, "detail": "2 fields are not valid",
                         "errors": [{"pointer": "/caseIds/1", "detail": "must be a case id (UUID)"},
                                    {"pointer": "/target", "detail": "must be a public https URL"}]}""");
            } else if (body.contains("\"channel\":\"WEBHOOK\"")) {
                send(exchange, 201, "application/json", """
                        {"id": "%s", "channel": "WEBHOOK", "target": "https://alerts.example.org/homeward",
                         "caseIds": [], "categories": [], "eventTypes": [], "minUrgency": "HIGH",
                         "createdAt": "2026-02-01T09:00:00Z", "secret": "%s"}""".formatted(CREATED_ID, SECRET));
            } else {
                send(exchange, 201, "application/json", """
                        {"id": "%s", "channel": "FEED", "caseIds": [], "categories": [], "eventTypes": [],
                         "minUrgency": "NORMAL", "createdAt": "2026-02-01T09:00:00Z"}""".formatted(CREATED_ID));
            }
        } else if (method.equals("DELETE") && path.equals("/api/v1/subscriptions/" + WEBHOOK_ID)) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else if (method.equals("GET") && path.equals("/api/v1/deliveries")) {
            String q = query == null ? "" : query;
            String items = q.contains("status=DEAD") ? DEAD : DEAD + ", " + DELIVERED;
            send(exchange, 200, "application/json", "{\"items\": [" + items + "], \"page\": 0, \"size\": 20,"
                    + " \"total\": " + (q.contains("status=DEAD") ? 1 : 2) + "}");
        } else if (method.equals("POST") && path.equals("/api/v1/deliveries/" + DEAD_ID + "/retry")) {
            send(exchange, 202, "application/json", DEAD.replace("\"DEAD\"", "\"PENDING\""));
        } else if (method.equals("POST") && path.equals("/api/v1/deliveries/" + DELIVERED_ID + "/retry")) {
            send(exchange, 409, "application/problem+json", "{\"type\": \"https://homeward.org/problems/conflict\","
                    + " \"title\": \"Conflict\", \"status\": 409, \"detail\": \"The delivery is not DEAD\"}");
        } else if (method.equals("GET") && path.equals("/api/v1/notifications")) {
            send(exchange, 200, "application/json", "{\"items\": [], \"page\": 0, \"size\": 1, \"total\": 0}");
        } else {
            send(exchange, 404, "application/problem+json", "{\"type\": \"https://homeward.org/problems/not-found\"}");
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
