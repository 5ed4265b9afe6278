package org.homeward.benchmarks;

import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;

/**
 * Page times of the advocates' console with many cases: the case list, a search by name (a POST), a case page and
 * the statistics page, each rendered by the console from the case service's answers, as a signed-in caseworker sees
 * them. Seeds the cases exactly as {@link SearchBenchmark} does (one CASE_OPENED each through case-events), signs in
 * through the local sign-in page (with its CSRF token), then times {@value #REQUESTS} requests of each page after
 * {@value #WARM_UP} unmeasured ones, one at a time. The anchor in the same run is the case service's own answer for
 * the same case (what the case page waits for).
 *
 * <p>Run: {@code ./homeward bench ConsoleBenchmark [cases]} (default 100000; about ten minutes, most of it seeding).
 */
public final class ConsoleBenchmark {

    static final int WARM_UP = 30;
    static final int REQUESTS = 300;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.forBenchmarks(root,
                root.resolve("deploy/benchmarks/target/console-benchmark")).withConsole(), out)) {
            system.stopService(HomewardService.NOTIFICATION);
            URI caseService = system.baseUrl(HomewardService.CASE);
            URI console = system.baseUrl(HomewardService.CONSOLE);
            SearchBenchmark.bearer = system.token("benchmark-org", "benchmark", "caseworker");
            Random random = new Random(20261201L);
            List<SearchBenchmark.Seeded> sample = new ArrayList<>();
            SearchBenchmark.seed(system.infrastructure(), caseService, cases, random, sample, out);

            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            signIn(browser, console);
            List<Measurements> results = new ArrayList<>();
            results.add(time("console: case list, page 1", random, sample,
                    p -> get(browser, console.resolve("/cases"))));
            results.add(time("console: case list, category filter", random, sample,
                    p -> get(browser, console.resolve("/cases?category=" + p.category()))));
            results.add(time("console: search by name (POST)", random, sample,
                    p -> post(browser, console.resolve("/cases/search"), "q=" + encode(p.common()))));
            results.add(time("console: case page", random, sample,
                    p -> get(browser, console.resolve("/cases/" + p.caseId()))));
            results.add(time("console: statistics page", random, sample,
                    p -> get(browser, console.resolve("/statistics"))));
            HttpClient api = HttpClient.newHttpClient();
            results.add(time("anchor: case service GET case", random, sample, p -> {
                try {
                    return api.send(HttpRequest.newBuilder(caseService.resolve("/api/v1/cases/" + p.caseId()))
                            .header("Authorization", "Bearer " + SearchBenchmark.bearer).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            Measurements.report("ConsoleBenchmark", out, results.toArray(new Measurements[0]));
        }
    }

    private static void signIn(HttpClient browser, URI console) throws Exception {
        String form = browser.send(HttpRequest.newBuilder(console.resolve("/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("the sign-in page has no CSRF token");
        }
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(console.resolve("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf-token=" + encode(csrf.group(1))
                        + "&organisation=benchmark-org&name=benchmark&roles=caseworker&roles=advocate"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() / 100 != 3) {
            throw new IllegalStateException("sign-in answered " + signedIn.statusCode());
        }
    }

    private static int get(HttpClient browser, URI uri) {
        return send(browser, HttpRequest.newBuilder(uri).GET().build());
    }

    private static int post(HttpClient browser, URI uri, String form) {
        String token = csrfOf(browser, uri.resolve("/cases"));
        return send(browser, HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&csrf-token=" + encode(token))).build());
    }

    /** The CSRF token of the form on a page (the cookie stays in the client's cookie manager). */
    private static String csrfOf(HttpClient browser, URI page) {
        try {
            Matcher m = CSRF.matcher(browser.send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (!m.find()) {
                throw new IllegalStateException(page + " has no form token");
            }
            return m.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int send(HttpClient browser, HttpRequest request) {
        try {
            HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode());
            }
            return response.statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Measurements time(String name, Random random, List<SearchBenchmark.Seeded> sample,
            Function<SearchBenchmark.Seeded, Integer> request) {
        Measurements m = new Measurements(name);
        Instant started = null;
        for (int i = 0; i < WARM_UP + REQUESTS; i++) {
            if (i == WARM_UP) {
                started = Instant.now();
            }
            SearchBenchmark.Seeded person = sample.get(random.nextInt(sample.size()));
            long t0 = System.nanoTime();
            request.apply(person);
            if (i >= WARM_UP) {
                m.record(System.nanoTime() - t0);
            }
        }
        m.wallClock(Duration.between(started, Instant.now()));
        return m;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
