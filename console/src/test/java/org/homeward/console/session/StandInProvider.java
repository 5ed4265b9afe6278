package org.homeward.console.session;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenID provider on loopback for the console's sign-in tests: discovery, JWKS, an authorize endpoint
 * that signs in {@link #person} at once (as a provider would after its login page) and sends the browser back with a
 * code, a token endpoint (authorization code with PKCE, refresh token; the client authenticates with HTTP Basic) and
 * an end-session endpoint. Its tokens are RS256 JWTs signed by its own key, carrying the organisation claim and
 * {@code groups} as the operator's provider does. Every request is recorded.
 */
public final class StandInProvider {

    public static final String CLIENT_ID = "homeward-console";
    public static final String CLIENT_SECRET = "stand-in-secret-0123456789abcdef0123456789";

    /** Who signs in at the provider next: organisation, name and groups. */
    public record Person(String organisation, String name, List<String> groups) {
    }

    /** A token grant as the token endpoint answered it. */
    public record Grant(String grantType, String accessToken, String idToken, String refreshToken) {
    }

    private record PendingCode(String redirectUri, String nonce, String codeChallenge, Person person) {
    }

    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** The authorize requests' query parameters, in order. */
    public final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    /** The token endpoint's form parameters, in order. */
    public final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    /** The token endpoint's answers, in order. */
    public final List<Grant> grants = new CopyOnWriteArrayList<>();
    /** The end-session requests' query parameters. */
    public final List<Map<String, String>> endSessions = new CopyOnWriteArrayList<>();

    public volatile Person person = new Person("defector-org", "advocate-1",
            List.of("caseworker", "advocate", "admin", "offline_access"));
    /** How long the ID token lives (and the session at the console with it). */
    public volatile Duration idTokenLifetime = Duration.ofMinutes(5);
    /** How long the access token lives. */
    public volatile Duration accessTokenLifetime = Duration.ofMinutes(5);
    /** Whether the token endpoint hands out refresh tokens. */
    public volatile boolean refreshTokens = true;

    private final KeyPair key;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> refreshable = new ConcurrentHashMap<>();
    private HttpServer server;
    private String issuer;

    public StandInProvider() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts on a free loopback port; answers the issuer URL. */
    public String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/homeward";
        server.createContext("/", this::handle);
        server.start();
        return issuer;
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Forgets the recorded requests and sets the defaults again. */
    public void reset() {
        requests.clear();
        authorizations.clear();
        tokenRequests.clear();
        grants.clear();
        endSessions.clear();
        person = new Person("defector-org", "advocate-1", List.of("caseworker", "advocate", "admin",
                "offline_access"));
        idTokenLifetime = Duration.ofMinutes(5);
        accessTokenLifetime = Duration.ofMinutes(5);
        refreshTokens = true;
    }

    public Grant lastGrant() {
        return grants.get(grants.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        requests.add(method + " " + path);
        String prefix = "/realms/homeward";
        try {
            if (method.equals("GET") && path.equals(prefix + "/.well-known/openid-configuration")) {
                json(exchange, 200, discovery());
            } else if (method.equals("GET") && path.equals(prefix + "/jwks")) {
                json(exchange, 200, jwks());
            } else if (method.equals("GET") && path.equals(prefix + "/authorize")) {
                authorize(exchange);
            } else if (method.equals("POST") && path.equals(prefix + "/token")) {
                token(exchange);
            } else if (method.equals("GET") && path.equals(prefix + "/logout")) {
                Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
                endSessions.add(query);
                redirect(exchange, query.getOrDefault("post_logout_redirect_uri", issuer));
            } else {
                json(exchange, 404, "{\"error\": \"not_found\"}");
            }
        } catch (RuntimeException e) {
            json(exchange, 500, "{\"error\": \"server_error\"}");
        }
    }

    private String discovery() {
        return """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "end_session_endpoint": "%1$s/logout",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
                 "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                 "grant_types_supported": ["authorization_code", "refresh_token"]}""".formatted(issuer);
    }

    private String jwks() {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        return """
                {"keys": [{"kty": "RSA", "kid": "stand-in-1", "use": "sig", "alg": "RS256", "n": "%s", "e": "%s"}]}"""
                .formatted(unsigned(publicKey.getModulus()), unsigned(publicKey.getPublicExponent()));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Signs in {@link #person} at once and sends the browser back to redirect_uri with a code and the state. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
        authorizations.add(query);
        String redirectUri = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || redirectUri == null) {
            json(exchange, 400, "{\"error\": \"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new PendingCode(redirectUri, query.get("nonce"), query.get("code_challenge"), person));
        redirect(exchange, redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code + "&state="
                + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8));
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = params(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        tokenRequests.add(form);
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, "{\"error\": \"invalid_client\"}");
            return;
        }
        String grantType = form.getOrDefault("grant_type", "");
        Person who;
        String nonce = null;
        if (grantType.equals("authorization_code")) {
            PendingCode pending = codes.remove(form.getOrDefault("code", ""));
            if (pending == null || !pending.redirectUri().equals(form.get("redirect_uri"))
                    || !challengeOf(form.get("code_verifier")).equals(pending.codeChallenge())) {
                json(exchange, 400, "{\"error\": \"invalid_grant\"}");
                return;
            }
            who = pending.person();
            nonce = pending.nonce();
        } else if (grantType.equals("refresh_token")) {
            who = refreshable.remove(form.getOrDefault("refresh_token", ""));
            if (who == null) {
                json(exchange, 400, "{\"error\": \"invalid_grant\"}");
                return;
            }
        } else {
            json(exchange, 400, "{\"error\": \"unsupported_grant_type\"}");
            return;
        }
        Instant now = Instant.now();
        String access = sign(who, now, accessTokenLifetime, "homeward", null);
        String id = sign(who, now, idTokenLifetime, CLIENT_ID, nonce);
        String refresh = refreshTokens ? "refresh-" + UUID.randomUUID() : null;
        if (refresh != null) {
            refreshable.put(refresh, who);
        }
        grants.add(new Grant(grantType, access, id, refresh));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", access);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenLifetime.toSeconds());
        answer.put("id_token", id);
        StringBuilder body = new StringBuilder("{");
        answer.forEach((k, v) -> body.append('"').append(k).append("\": ")
                .append(v instanceof String ? "\"" + v + "\"" : v).append(", "));
        if (refresh != null) {
            body.append("\"refresh_token\": \"").append(refresh).append("\", ");
        }
        body.append("\"scope\": \"openid profile\"}");
        json(exchange, 200, body.toString());
    }

    private String sign(Person who, Instant now, Duration lifetime, String audience, String nonce) {
        var claims = Jwt.issuer(issuer).subject("sub-" + who.name()).audience(audience).issuedAt(now)
                .expiresAt(now.plus(lifetime)).claim("preferred_username", who.name())
                .groups(new java.util.HashSet<>(who.groups()))
                .claim("jti", UUID.randomUUID().toString()).claim("azp", CLIENT_ID);
        if (who.organisation() != null) {
            claims.claim("org", who.organisation());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return claims.jws().keyId("stand-in-1").algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key.getPrivate());
    }

    private static String challengeOf(String verifier) {
        if (verifier == null) {
            return "";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> params(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
