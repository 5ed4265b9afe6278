package org.homeward.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every service's {@code /q/metrics} must be, the same way for every service: Prometheus text with the HTTP
 * server's request metrics, and no label that carries an identifier of a person's case (a UUID, as case, event and
 * subscription ids are) or any of the names a test used. Request paths appear as their templates
 * ({@code /api/v1/cases/{caseId}}), never as the path that was called.
 */
public final class MetricsExposure {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MetricsExposure() {
    }

    /** Reads {@code /q/metrics} of the service on {@code localhost:port}. */
    public static String read(int port) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("/q/metrics answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails unless the metrics count HTTP requests under the path template {@code template} and hold no UUID and none
     * of {@code secrets} (names, places the test sent).
     */
    public static void assertSafe(String metrics, String template, List<String> secrets) {
        if (!metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count")
                && l.contains("uri=\"" + template + "\""))) {
            throw new AssertionError("no http_server_requests_seconds_count for uri=\"" + template + "\"");
        }
        metrics.lines().filter(l -> UUID.matcher(l).find()).findFirst().ifPresent(l -> {
            throw new AssertionError("a metric carries an id: " + l);
        });
        for (String secret : secrets) {
            if (metrics.contains(secret)) {
                throw new AssertionError("a metric carries what a request sent: " + secret);
            }
        }
    }
}
