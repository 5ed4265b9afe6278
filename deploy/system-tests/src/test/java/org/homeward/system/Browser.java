package org.homeward.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the console's browser tests: Debian's {@code chromium} and {@code chromedriver} (a test
 * tool's own browser download does not work on the build machines). Where they are missing, a test using this is
 * skipped with a message that says so and how to install them; {@code .ci/run} installs them, and with {@code CI=true}
 * their absence fails the test, so that CI never skips.
 * Screenshots go to {@code target/screenshots/}; {@link #checkAccessibility} runs axe-core (from
 * {@code tools/browser-tests}, installed by {@code npm ci}) on the page.
 */
final class Browser implements AutoCloseable {

    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVER = List.of(Path.of("/usr/bin/chromedriver"),
            Path.of("/usr/lib/chromium/chromedriver"));

    final ChromeDriver driver;
    private final Path screenshots;
    private final Path root;

    private Browser(ChromeDriver driver, Path screenshots, Path root) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.root = root;
    }

    /** A new browser, or the test is skipped (with the reason) when Chromium or its driver is not installed. */
    static Browser startOrSkip(Path root, String lang) throws IOException {
        Optional<Path> chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst();
        Optional<Path> chromedriver = DRIVER.stream().filter(Files::isExecutable).findFirst();
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String why = "the console's browser tests need Debian's chromium and chromium-driver (apt-get install "
                    + "chromium chromium-driver); .ci/run installs them. Not found: "
                    + (chromium.isEmpty() ? "chromium " : "") + (chromedriver.isEmpty() ? "chromedriver" : "");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why); // CI never skips
            }
            System.err.println("SKIPPED ConsoleBrowserIT: " + why);
            Assumptions.abort("SKIPPED: " + why);
        }
        Path profile = Files.createTempDirectory("homeward-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=" + lang,
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        return new Browser(driver, screenshots, root);
    }

    /** Saves a screenshot of the page as {@code target/screenshots/<name>.png}, for review. */
    void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page and asserts no violation. Skipped (the test goes on),
     * saying so, when axe-core was not installed with {@code npm ci} in tools/browser-tests.
     */
    @SuppressWarnings("unchecked")
    void checkAccessibility(String page) throws IOException {
        Path axe = root.resolve("tools/browser-tests/node_modules/axe-core/axe.min.js");
        if (!Files.exists(axe)) {
            System.out.println("SKIPPED accessibility check of " + page + ": " + axe + " is missing "
                    + "(cd tools/browser-tests && npm ci); .ci/run installs it");
            return;
        }
        driver.executeScript(Files.readString(axe, StandardCharsets.UTF_8));
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                       + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""");
        assertEquals(List.of(), (List<String>) result, "axe-core violations on " + page);
    }

    @Override
    public void close() {
        driver.quit();
    }

}
