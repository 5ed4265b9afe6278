package org.homeward.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one client of the Homeward APIs: every call is made on behalf of the signed-in person and carries their bearer
 * token, which never leaves the server. JSON through Jackson; a 4xx or 5xx answer becomes an {@link ApiException}
 * (with the {@link Problem} when the answer is {@code application/problem+json}); an unreachable service an
 * {@link ApiUnavailableException}. Bounded: 2 s to connect, 10 s for an answer.
 */
@ApplicationScoped
public class HomewardApi {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @ConfigProperty(name = "homeward.console.intake-url", defaultValue = "http://localhost:8081")
    String intakeUrl;

    @ConfigProperty(name = "homeward.console.case-url", defaultValue = "http://localhost:8082")
    String caseUrl;

    @ConfigProperty(name = "homeward.console.notification-url", defaultValue = "http://localhost:8083")
    String notificationUrl;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** GET a JSON answer as {@code type}. */
    public <T> T get(HomewardService service, String path, Map<String, ?> query, String token, JavaType type) {
        HttpRequest request = base(service, path, query, token).GET().build();
        return read(service, send(service, request), type);
    }

    public <T> T get(HomewardService service, String path, Map<String, ?> query, String token, Class<T> type) {
        return get(service, path, query, token, mapper.getTypeFactory().constructType(type));
    }

    /** A page of {@code itemType}. */
    public <T> Page<T> page(HomewardService service, String path, Map<String, ?> query, String token,
            Class<T> itemType) {
        return get(service, path, query, token,
                mapper.getTypeFactory().constructParametricType(Page.class, itemType));
    }

    /** POST {@code body} as JSON (or nothing, when null); the answer as {@code type} (null for no body). */
    public <T> T post(HomewardService service, String path, Object body, String token, Class<T> type) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body cannot be written as JSON", e);
        }
        HttpRequest.Builder builder = base(service, path, Map.of(), token).POST(publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return read(service, send(service, builder.build()), mapper.getTypeFactory().constructType(type));
    }

    /** DELETE {@code path}; the answer's body, if any, is not read. */
    public void delete(HomewardService service, String path, String token) {
        read(service, send(service, base(service, path, Map.of(), token).DELETE().build()),
                mapper.getTypeFactory().constructType(Void.class));
    }

    /**
     * Opens a Server-Sent-Events stream: the answer's lines, read lazily; closing the stream closes the connection.
     * Only the time to the answer's headers is bounded, not the stream's life.
     */
    public HttpResponse<Stream<String>> openStream(HomewardService service, String path, String token,
            String lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(service, path, Map.of()))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null && !lastEventId.isBlank()) {
            builder.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() >= 400) {
                String body = response.body().collect(Collectors.joining("\n"));
                response.body().close();
                throw new ApiException(service, response.statusCode(),
                        problemOf(response.headers().firstValue("Content-Type").orElse(""),
                                body.getBytes(StandardCharsets.UTF_8)));
            }
            return response;
        } catch (IOException e) {
            throw new ApiUnavailableException(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnavailableException(service, e);
        }
    }

    URI uri(HomewardService service, String path, Map<String, ?> query) {
        StringBuilder uri = new StringBuilder(stripSlash(baseUrl(service))).append(path);
        String q = query(query);
        if (!q.isEmpty()) {
            uri.append('?').append(q);
        }
        return URI.create(uri.toString());
    }

    /** {@code a=1&b=x%20y}: null and blank values left out, every name and value encoded. */
    public static String query(Map<String, ?> query) {
        if (query == null) {
            return "";
        }
        return query.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().toString().isBlank())
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue().toString()))
                .collect(Collectors.joining("&"));
    }

    /** A query map that keeps its order and accepts nulls (left out when sent). */
    public static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(Objects.toString(pairs[i]), pairs[i + 1]);
        }
        return map;
    }

    /** A path segment, encoded (ids come from the browser). */
    public static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String baseUrl(HomewardService service) {
        return switch (service) {
            case INTAKE -> intakeUrl;
            case CASES -> caseUrl;
            case NOTIFICATIONS -> notificationUrl;
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private HttpRequest.Builder base(HomewardService service, String path, Map<String, ?> query, String token) {
        return HttpRequest.newBuilder(uri(service, path, query))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + Objects.requireNonNull(token, "token"))
                .header("Accept", "application/json, application/problem+json");
    }

    private HttpResponse<byte[]> send(HomewardService service, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiUnavailableException(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnavailableException(service, e);
        }
    }

    private <T> T read(HomewardService service, HttpResponse<byte[]> response, JavaType type) {
        int status = response.statusCode();
        if (status >= 400) {
            throw new ApiException(service, status,
                    problemOf(response.headers().firstValue("Content-Type").orElse(""), response.body()));
        }
        byte[] body = response.body();
        if (body == null || body.length == 0 || type.getRawClass() == Void.class) {
            return null;
        }
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            // Never the body in the message: it holds personal data.
            throw new IllegalStateException(service + " answered JSON the console cannot read as "
                    + type.getRawClass().getSimpleName());
        }
    }

    /** The problem in a body, when it is {@code application/problem+json}; null otherwise. */
    Problem problemOf(String contentType, byte[] body) {
        if (body == null || body.length == 0 || !contentType.toLowerCase().startsWith("application/problem+json")) {
            return null;
        }
        try (InputStream in = new java.io.ByteArrayInputStream(body)) {
            return mapper.readValue(in, Problem.class);
        } catch (IOException e) {
            return null;
        }
    }
}
