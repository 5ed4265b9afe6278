package org.homeward.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.homeward.stack.HomewardService;
import org.homeward.stack.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A case-service restart in the middle of a stream of events loses nothing and applies nothing twice: partners keep
 * reporting through intake while the case service is stopped (gracefully, or killed with SIGKILL) and started again;
 * afterwards every case is exactly where one application of each of its events, in order, puts it
 * ({@link PartnerStream}). The second half of the cases is reported only once the case service is away.
 */
class ConsumerRestartIT {

    private static final String ORG = "restart-test-org";
    private static final int CASES = 150;
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("homeward.root", "../..")).toAbsolutePath().normalize();
        system = LocalSystem.start(LocalSystem.Options.forTests(root, Path.of("target", "restart-system")), System.out);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aGracefulRestartMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
        restartMidStream("NORTH_KOREAN_POW", system::stopService);
    }

    @Test
    void aKillMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
        restartMidStream("DEFECTOR", system::killService);
    }

    private void restartMidStream(String category, Consumer<HomewardService> stop) throws Exception {
        CountDownLatch caseServiceStopped = new CountDownLatch(1);
        PartnerStream stream = new PartnerStream(system, ORG, category, CASES)
                .start(4, Duration.ZERO, CASES / 2, caseServiceStopped);

        // Mid-stream: the case service has taken some of the first half, the rest is on its way or still to come.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> stream.casesShown() >= CASES / 10);
        assertTrue(stream.casesIn("RESETTLED") < CASES / 2, "the case service was still taking the stream");
        stop.accept(HomewardService.CASE);
        caseServiceStopped.countDown();
        // Partners keep reporting while the case service is away; intake and Kafka take their events.
        await().atMost(Duration.ofSeconds(120)).until(() -> stream.posted() >= stream.events() * 3 / 4);
        system.startService(HomewardService.CASE);
        system.awaitReady(HomewardService.CASE);
        stream.finish();

        stream.assertEveryEventAppliedOnceInOrder(Duration.ofSeconds(180));
        stream.cases().queryParam("category", category).get("/api/v1/statistics").then()
                .body("total", equalTo(CASES))
                .body("byState.RESETTLED", equalTo(CASES));
    }
}
