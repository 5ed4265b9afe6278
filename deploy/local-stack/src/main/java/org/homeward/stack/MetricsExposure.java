package org.homeward.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every service's {@code /q/metrics} must be, the same way for every service: Prometheus text with the HTTP
 * server's request metrics, and no label that carries an identifier of a person's case (a UUID, as case, event and
 * subscription ids are) or any of the names a test used. Request paths appear as their templates
 * ({@code /api/v1/cases/{caseId}}), never as the path that was called.
 */
public final class MetricsExposure {

    /** HTTP/1.1: the JDK client's h2c upgrade on repeated reads of a large answer fails with a protocol error. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A sample line of the Prometheus text format: its name, its labels and its value. */
    /**
     * A sample line: name, labels (each {@code name="value"}, a value may hold braces, as a path template does) and
     * value; an OpenMetrics exemplar after the value ({@code # {trace_id="..."} 1.0 ts}) is not part of the sample.
     */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:\\s*[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"\\s*,?)*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /**
     * The metric names the monitoring of deploy/kubernetes relies on, per service, one {@code service name} a line:
     * every PromQL expression of its rules and dashboard names only these (KubernetesManifestsTest), and each service's
     * MetricsTest checks that it exposes its own ({@link #assertExposesListed}).
     */
    public static final String LISTED = "deploy/kubernetes/base/monitoring/exposed-metrics.txt";

    private MetricsExposure() {
    }

    /** Reads {@code /q/metrics} of the service on {@code localhost:port}. */
    public static String read(int port) {
        try {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(
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

    /**
     * The sum of the samples named {@code name} whose labels include {@code labels}; NaN when there is none (a
     * gauge that could not be read is NaN as well).
     */
    public static double value(String metrics, String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : (Iterable<String>) metrics.lines()::iterator) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> has = labels(sample.group(3));
            if (labels.entrySet().stream().allMatch(l -> l.getValue().equals(has.get(l.getKey())))) {
                sum += Double.parseDouble(sample.group(4));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** The names of the samples in {@code metrics} ({@code http_server_requests_seconds_count}, not the family). */
    public static Set<String> names(String metrics) {
        Set<String> names = new TreeSet<>();
        metrics.lines().filter(l -> !l.startsWith("#")).map(SAMPLE::matcher).filter(Matcher::find)
                .forEach(m -> names.add(m.group(1)));
        return names;
    }

    /** The names {@link #LISTED} lists for {@code service}, read from the repository's root {@code root}. */
    public static Set<String> listed(Path root, String service) {
        try {
            Set<String> names = new TreeSet<>();
            for (String line : Files.readAllLines(root.resolve(LISTED))) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length == 2 && !line.startsWith("#") && fields[0].equals(service)) {
                    names.add(fields[1]);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails unless {@code metrics} holds a sample of every name {@link #LISTED} lists for {@code service}: what the
     * alerts and the dashboard of deploy/kubernetes read is really exposed. {@code root}: the repository's root (a
     * service's tests run in its module, so {@code ..}).
     */
    public static void assertExposesListed(String metrics, Path root, String service) {
        Set<String> listed = listed(root, service);
        if (listed.isEmpty()) {
            throw new AssertionError(LISTED + " lists nothing for " + service);
        }
        Set<String> missing = new TreeSet<>(listed);
        missing.removeAll(names(metrics));
        if (!missing.isEmpty()) {
            throw new AssertionError(service + " does not expose what " + LISTED + " lists: " + missing);
        }
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new java.util.HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
