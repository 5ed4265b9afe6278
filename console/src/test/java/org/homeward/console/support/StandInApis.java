package org.homeward.console.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the three APIs the console calls (intake, case-service, notification-service) in its tests: one
 * loopback HTTP server, with a route table each test's stand-in fills with its own answers, recording the requests
 * (and, if asked, their bodies); and a fresh RSA key for the local sign-in. A subclass names its key file, says how
 * to record, and adds its routes in its constructor; the first route that matches answers, otherwise
 * {@link #otherwise}.
 */
public abstract class StandInApis implements QuarkusTestResourceLifecycleManager {

    public static final String UNAUTHORIZED = "{\"type\": \"https://homeward.org/problems/unauthorized\"}";
    public static final String NOT_FOUND = "{\"type\": \"https://homeward.org/problems/not-found\"}";
    public static final String NOT_FOUND_IN_FULL = "{\"type\": \"https://homeward.org/problems/not-found\","
            + " \"title\": \"Not found\", \"status\": 404}";
    /** The alert count every page asks for, with no alerts. */
    public static final String NO_ALERTS = "{\"items\": [], \"page\": 0, \"size\": 1, \"total\": 0}";

    private static final Pattern PARAM = Pattern.compile("(?:^|&)([^=&]+)=([^&]*)");

    /** A request as the stand-in received it; {@code query} is the raw query, or null. */
    public record Request(String method, String path, String query, String authorization, String body) {

        /** The raw query, or "" if there is none. */
        public String q() {
            return query == null ? "" : query;
        }

        /** The query's parameters, decoded. */
        public Map<String, String> params() {
            Map<String, String> params = new HashMap<>();
            if (query != null) {
                Matcher m = PARAM.matcher(query);
                while (m.find()) {
                    params.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
                }
            }
            return params;
        }

        /** "METHOD /path?query", as recorded. */
        public String line() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** An answer: a status, a content type and a body; no body (null) answers with no content at all. */
    public record Answer(int status, String type, String body) {

        public static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }

        public static Answer problem(int status, String body) {
            return new Answer(status, "application/problem+json", body);
        }

        public static Answer noContent() {
            return new Answer(204, null, null);
        }
    }

    private record Route(Predicate<Request> when, Function<Request, Answer> answer) {
    }

    private final String keyFile;
    private final List<String> requests;
    private final boolean recordAuth;
    private final List<Route> routes = new ArrayList<>();
    private List<String> bodies;
    private String bearer = "Bearer ";
    private Answer otherwise = Answer.problem(404, NOT_FOUND);
    private HttpServer server;

    /**
     * @param keyFile the file under target/test-keys the sign-in key is written to
     * @param requests where each request is recorded as "METHOD /path?query"
     * @param recordAuth whether to add " auth=true|false" (a bearer token that looks like a JWT) to each
     */
    protected StandInApis(String keyFile, List<String> requests, boolean recordAuth) {
        this.keyFile = keyFile;
        this.requests = requests;
        this.recordAuth = recordAuth;
    }

    /** Records every non-empty request body here. */
    protected void recordBodies(List<String> bodies) {
        this.bodies = bodies;
    }

    /** Answers 401 unless the Authorization header starts with this (by default "Bearer "). */
    protected void requireAuthorization(String prefix) {
        this.bearer = prefix;
    }

    /** The answer when no route matches (by default a short 404 problem). */
    protected void otherwise(Answer answer) {
        this.otherwise = answer;
    }

    protected void on(Predicate<Request> when, Function<Request, Answer> answer) {
        routes.add(new Route(when, answer));
    }

    protected void on(String method, String path, Function<Request, Answer> answer) {
        on(r -> r.method().equals(method) && r.path().equals(path), answer);
    }

    protected void get(String path, Function<Request, Answer> answer) {
        on("GET", path, answer);
    }

    protected void post(String path, Function<Request, Answer> answer) {
        on("POST", path, answer);
    }

    /** The alert count every page asks for: no alerts. */
    protected void noAlerts() {
        get("/api/v1/notifications", r -> Answer.json(NO_ALERTS));
    }

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createDirectories(Path.of("target", "test-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path pem = keys.resolve(keyFile);
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
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), auth,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request.line() + (recordAuth ? " auth=" + (auth != null && auth.startsWith("Bearer ey")) : ""));
        if (bodies != null && !request.body().isEmpty()) {
            bodies.add(request.body());
        }
        Answer answer = auth == null || !auth.startsWith(bearer) ? Answer.problem(401, UNAUTHORIZED) : null;
        for (int i = 0; answer == null && i < routes.size(); i++) {
            if (routes.get(i).when().test(request)) {
                answer = routes.get(i).answer().apply(request);
            }
        }
        send(exchange, answer == null ? otherwise : answer);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.type());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * A test profile running the console against one stand-in only, with the global one ({@code web.FakeHomeward})
     * turned off. A test class declares {@code public static class Profile extends StandInApis.Only} whose no-argument
     * constructor names its stand-in.
     */
    public abstract static class Only implements QuarkusTestProfile {

        private final Class<? extends StandInApis> standIn;

        protected Only(Class<? extends StandInApis> standIn) {
            this.standIn = standIn;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(standIn));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }
}
