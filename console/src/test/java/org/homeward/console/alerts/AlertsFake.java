package org.homeward.console.alerts;

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
 * Stands in for notification-service in {@link AlertsPageTest}: a feed of two notifications, the advocate's own and
 * their organisation's critical alert, and acknowledging; records what it was asked. Also the key of the local
 * sign-in.
 */
public class AlertsFake implements QuarkusTestResourceLifecycleManager {

    public static final String OWN_ID = "1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0";
    public static final String ORGANISATION_WIDE_ID = "2c3d4e5f-6071-4283-9405-b6c7d8e9f0a1";
    public static final String CASE_ID = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c";
    /** Unacknowledged alerts, as notification-service would count them for the badge. */
    public static final int UNACKNOWLEDGED = 7;
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    static final String ORGANISATION_WIDE = """
            {"id": "%s", "sequence": 43, "organisationWide": true, "caseId": "%s",
             "eventId": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", "type": "TRANSFERRED", "category": "NORTH_KOREAN_POW",
             "status": "APPLIED", "fromState": "INTENT_STATED", "toState": "TRANSFERRED", "urgency": "CRITICAL",
             "alerts": ["FORCED_REPATRIATION_RISK"], "createdAt": "2026-02-01T09:05:01Z"}"""
            .formatted(ORGANISATION_WIDE_ID, CASE_ID);
    static final String OWN = """
            {"id": "%s", "sequence": 42, "subscriptionId": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f",
             "organisationWide": false, "caseId": "%s", "eventId": "8a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
             "type": "CAPTURED", "category": "WAR_ABDUCTEE", "status": "APPLIED", "fromState": "REPORTED",
             "toState": "IN_CUSTODY", "urgency": "HIGH", "alerts": [], "createdAt": "2026-02-01T09:00:01Z",
             "ackedAt": "2026-02-01T10:00:00Z"}""".formatted(OWN_ID, CASE_ID);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createDirectories(Path.of("target", "test-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path pem = keys.resolve("alerts-private.pem");
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
        exchange.getRequestBody().readAllBytes();
        REQUESTS.add(method + " " + path + (query == null ? "" : "?" + query));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(exchange, 401, "application/problem+json", "{\"type\": \"https://homeward.org/problems/unauthorized\"}");
        } else if (method.equals("GET") && path.equals("/api/v1/notifications") && query != null
                && query.contains("acked=false")) {
            send(exchange, 200, "application/json", "{\"items\": [" + ORGANISATION_WIDE + "], \"page\": 0, \"size\": 1,"
                    + " \"total\": " + UNACKNOWLEDGED + "}");
        } else if (method.equals("GET") && path.equals("/api/v1/notifications")) {
            send(exchange, 200, "application/json", "{\"items\": [" + ORGANISATION_WIDE + ", " + OWN + "], \"page\": 0,"
                    + " \"size\": 20, \"total\": 45}");
        } else if (method.equals("POST") && path.equals("/api/v1/notifications/" + ORGANISATION_WIDE_ID + "/ack")) {
            send(exchange, 200, "application/json", ORGANISATION_WIDE);
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
