package org.homeward.console.statistics;

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
 * Stands in for case-service's {@code GET /api/v1/statistics} (and the alert count every page asks for) in the
 * statistics tests: a loopback server answering with the real shape, recording what it was asked. Used through
 * the test class's profile, with the global {@code FakeHomeward} turned off.
 */
public class FakeStatistics implements QuarkusTestResourceLifecycleManager {

    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    static final String ALL = """
            {"total": 1234,
             "byState": {"REPORTED": 1000, "IN_CUSTODY": 34, "INTENT_STATED": 0, "TRANSFER_PENDING": 0,
                         "TRANSFERRED": 200, "RESETTLED": 0, "RETURNED": 0, "DECEASED": 0, "CLOSED": 0},
             "byAgeGroupWhenTaken": {"under 10": 0, "10s": 0, "20s": 1200, "30s": 0, "40s": 0, "50s": 0, "60s": 0,
                                     "70s": 0, "80s": 0, "90s": 0, "100 and over": 0, "unknown": 34},
             "byCategory": [
               {"category": "SOUTH_KOREAN_POW", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "WAR_ABDUCTEE", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "POSTWAR_ABDUCTEE", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "DETAINEE", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "NORTH_KOREAN_POW", "total": 1200, "byState": {"REPORTED": 1000, "TRANSFERRED": 200},
                "byAgeGroupWhenTaken": {"20s": 1200}},
               {"category": "DEFECTOR", "total": 34, "byState": {"IN_CUSTODY": 34},
                "byAgeGroupWhenTaken": {"unknown": 34}}],
             "asOf": "2026-11-30T05:00:00Z"}""";

    static final String DEFECTOR = """
            {"total": 34,
             "byState": {"REPORTED": 0, "IN_CUSTODY": 34, "INTENT_STATED": 0, "TRANSFER_PENDING": 0,
                         "TRANSFERRED": 0, "RESETTLED": 0, "RETURNED": 0, "DECEASED": 0, "CLOSED": 0},
             "byAgeGroupWhenTaken": {"under 10": 0, "10s": 0, "20s": 0, "30s": 0, "40s": 0, "50s": 0, "60s": 0,
                                     "70s": 0, "80s": 0, "90s": 0, "100 and over": 0, "unknown": 34},
             "byCategory": [{"category": "DEFECTOR", "total": 34, "byState": {"IN_CUSTODY": 34},
                             "byAgeGroupWhenTaken": {"unknown": 34}}],
             "asOf": "2026-11-30T05:00:00Z"}""";

    /** As a later case-service might answer: with counts by year taken. */
    static final String WITH_YEARS = """
            {"total": 3,
             "byState": {"REPORTED": 3},
             "byAgeGroupWhenTaken": {"20s": 3},
             "byCategory": [{"category": "WAR_ABDUCTEE", "total": 3}],
             "byYearTaken": {"1951": 2, "1950": 1},
             "asOf": "2026-11-30T05:00:00Z"}""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createDirectories(Path.of("target", "test-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path pem = keys.resolve("statistics-private.pem");
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
        exchange.getRequestBody().readAllBytes();
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(exchange, 401, "application/problem+json", "{\"type\": \"https://homeward.org/problems/unauthorized\"}");
        } else if (method.equals("GET") && path.equals("/api/v1/statistics")) {
            String q = query == null ? "" : query;
            if (q.contains("category=DEFECTOR")) {
                send(exchange, 200, "application/json", DEFECTOR);
            } else if (q.contains("category=WAR_ABDUCTEE")) {
                send(exchange, 200, "application/json", WITH_YEARS);
            } else {
                send(exchange, 200, "application/json", ALL);
            }
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
