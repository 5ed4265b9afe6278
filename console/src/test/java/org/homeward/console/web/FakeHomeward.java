package org.homeward.console.web;

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
 * Stands in for the three services in the console's tests: one loopback HTTP server answering the few API calls the
 * pages make with fixed bodies, recording what it was sent; and a fresh RSA key for the local sign-in.
 */
public class FakeHomeward implements QuarkusTestResourceLifecycleManager {

    public static final String CASE_ID = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c";
    public static final String EVENT_ID = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    public static final String NOTIFICATION_ID = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<String> BODIES = new CopyOnWriteArrayList<>();

    static final String CASE = """
            {"caseId": "%s", "category": "NORTH_KOREAN_POW", "state": "DECEASED",
             "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000, "sex": "MALE"},
             "hangulNameRomanized": {"revised": "Ri Gwangcheol", "mccuneReischauer": "Ri Kwangch'ŏl"},
             "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09", "ownerOrganisation": "defector-org",
             "version": 3, "vitalStatus": "DISPUTED", "vitalStatusDate": "2024-05-05",
             "vitalClaims": [{"eventId": "%s", "type": "DEATH_REPORTED", "source": "KCNA", "reportedBy": "defector-org",
                              "date": "2018-03-01"}],
             "conflicts": [{"kind": "LIFE_AFTER_DEATH", "eventId": "%s", "reason": "seen alive after the reported death",
                            "detectedAt": "2024-05-06T00:00:00Z"}],
             "possibleDuplicates": 1, "openedAt": "2025-01-09T06:00:00Z", "updatedAt": "2025-01-10T06:00:00Z"}"""
            .formatted(CASE_ID, EVENT_ID, EVENT_ID);

    static final String TIMELINE = """
            {"items": [{"sequence": 1, "eventId": "%s", "type": "DEATH_REPORTED", "occurredAt": "2018-04-01T00:00:00Z",
              "receivedAt": "2025-01-09T06:00:00Z", "reportedBy": "defector-org", "status": "RETRACTED",
              "fromState": "REPORTED", "toState": "DECEASED", "alerts": [], "urgency": "HIGH",
              "retractedByOrganisation": "defector-org", "retractionReason": "confused with his brother",
              "source": "KCNA", "dateOfDeath": "2018-03-01"},
             {"sequence": 2, "eventId": "1a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", "type": "RESETTLED",
              "occurredAt": "2019-04-01T00:00:00Z", "receivedAt": "2025-01-09T06:00:00Z", "reportedBy": "defector-org",
              "status": "REJECTED", "reason": "RESETTLED is not legal in state REPORTED", "fromState": "REPORTED",
              "toState": "REPORTED", "alerts": ["DATA_QUALITY"], "urgency": "NORMAL"}],
             "page": 0, "size": 100, "total": 2}""".formatted(EVENT_ID);

    static final String NOTIFICATION = """
            {"id": "%s", "sequence": 42, "caseId": "%s", "type": "PROOF_OF_LIFE", "category": "WAR_ABDUCTEE",
             "status": "APPLIED", "fromState": "DECEASED", "toState": "DECEASED", "urgency": "CRITICAL",
             "alerts": ["LIFE_AFTER_DEATH"], "createdAt": "2024-05-06T00:00:00Z"}""".formatted(NOTIFICATION_ID,
            CASE_ID);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createDirectories(Path.of("target", "test-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path pem = keys.resolve("console-private.pem");
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
            return;
        }
        if (method.equals("GET") && path.equals("/api/v1/cases")) {
            send(exchange, 200, "application/json", "{\"items\": [" + CASE + "], \"page\": 0, \"size\": 20, \"total\": 1}");
        } else if (method.equals("GET") && path.equals("/api/v1/cases/" + CASE_ID)) {
            send(exchange, 200, "application/json", CASE);
        } else if (method.equals("GET") && path.equals("/api/v1/cases/" + CASE_ID + "/timeline")) {
            send(exchange, 200, "application/json", TIMELINE);
        } else if (method.equals("GET") && path.startsWith("/api/v1/cases/")) {
            send(exchange, 404, "application/problem+json", "{\"type\": \"https://homeward.org/problems/not-found\","
                    + " \"title\": \"Not found\", \"status\": 404}");
        } else if (method.equals("POST") && path.equals("/api/v1/cases/" + CASE_ID + "/events")) {
            if (body.contains("\"heldBy\":\"nobody\"")) {
                send(exchange, 422, "application/problem+json", """
                        {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                         "status": 422, "detail": "1 field is not valid",
                         "errors": [{"pointer": "/heldBy", "detail": "must name who holds the person"}]}""");
            } else {
                send(exchange, 202, "application/json", "{\"caseId\": \"" + CASE_ID + "\", \"eventId\": \"" + EVENT_ID
                        + "\"}");
            }
        } else if (method.equals("GET") && path.equals("/api/v1/notifications")) {
            send(exchange, 200, "application/json", "{\"items\": [" + NOTIFICATION + "], \"page\": 0, \"size\": 20,"
                    + " \"total\": 1}");
        } else if (method.equals("POST") && path.equals("/api/v1/notifications/" + NOTIFICATION_ID + "/ack")) {
            send(exchange, 200, "application/json", NOTIFICATION);
        } else if (method.equals("GET") && path.equals("/api/v1/notifications/stream")) {
            send(exchange, 200, "text/event-stream", ": connected\n\nid: 42\ndata: " + NOTIFICATION.replace("\n", " ")
                    + "\n\n");
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
