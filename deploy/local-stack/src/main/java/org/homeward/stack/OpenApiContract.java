package org.homeward.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Pins a service's API contract, the same way for every service: the committed {@code docs/openapi/<name>} must be
 * exactly what the running service publishes at {@code /q/openapi}, so that a change of the API is a visible diff in
 * the committed file. With {@code -Dhomeward.openapi.update=true} the committed file is rewritten from the service
 * first (then review the diff). The docs folder is {@code homeward.docs.dir}, else {@code ../docs} from the module.
 *
 * <pre>{@code OpenApiContract.assertPublished(RestAssured.port, "cases-v1.yaml");}</pre>
 */
public final class OpenApiContract {

    /** The switch that rewrites the committed document from the running service. */
    public static final String UPDATE = "homeward.openapi.update";

    private OpenApiContract() {
    }

    /** The committed document {@code name} under the docs folder's openapi/. */
    public static Path committed(String name) {
        return Path.of(System.getProperty("homeward.docs.dir", "../docs"), "openapi", name);
    }

    /**
     * Fails (with the first line that differs) unless the service on {@code localhost:port} publishes exactly the
     * committed document {@code name}; rewrites the document first when {@value #UPDATE} is true.
     */
    public static void assertPublished(int port, String name) {
        Path document = committed(name);
        String published = normalise(fetch(URI.create("http://localhost:" + port + "/q/openapi")));
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(document.getParent());
                Files.writeString(document, published, StandardCharsets.UTF_8);
            }
            if (!Files.exists(document)) {
                throw new AssertionError(document + " is missing: run the test with -D" + UPDATE + "=true");
            }
            String expected = normalise(Files.readString(document, StandardCharsets.UTF_8));
            if (!expected.equals(published)) {
                throw new AssertionError(document + " differs from /q/openapi (" + firstDifference(expected, published)
                        + "): regenerate it with -D" + UPDATE + "=true and review the diff");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fetch(URI uri) {
        try {
            // HTTP/1.1: the default client offers an h2c upgrade, and once (a .ci/run) the service's answer to it came
            // back as bytes the client read as an oversized HTTP/2 frame. The fuzzer and the metrics check do the same.
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(uri)
                    .header("Accept", "application/yaml").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Line ends only: a checkout with CRLF line ends is the same document. */
    static String normalise(String document) {
        return document.replace("\r\n", "\n");
    }

    static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "line " + (i + 1) + ": committed '" + a[i] + "', published '" + b[i] + "'";
            }
        }
        return "committed " + a.length + " lines, published " + b.length;
    }
}
