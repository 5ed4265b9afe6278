package org.homeward.notifications.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.homeward.notifications.delivery.domain.RetryPolicy;
import org.junit.jupiter.api.Test;

/** The documented schedule: exponential, jittered, capped, honouring Retry-After, then dead. */
class RetryPolicyTest {

    private final RetryPolicy production = new RetryPolicy(10, Duration.ofSeconds(5), 4, Duration.ofHours(6), 0.2);

    @Test
    void theDefaultScheduleIsTheDocumentedOne() {
        List<Duration> waits = new ArrayList<>();
        for (int failed = 1; failed < 10; failed++) {
            waits.add(production.nominalDelay(failed).orElseThrow());
        }
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(80),
                Duration.ofSeconds(320), Duration.ofSeconds(1280), Duration.ofSeconds(5120), Duration.ofSeconds(20480),
                Duration.ofHours(6), Duration.ofHours(6)), waits);
        assertEquals(Optional.empty(), production.nominalDelay(10), "after the 10th attempt: dead-lettered");
        assertEquals(Duration.ofSeconds(70505), waits.stream().reduce(Duration.ZERO, Duration::plus),
                "about 19 h 35 min from the first attempt to the last");
    }

    @Test
    void jitterStaysWithinTwentyPercentEitherWay() {
        assertEquals(Duration.ofSeconds(4), production.delayAfter(1, Optional.empty(), 0.0).orElseThrow());
        assertEquals(Duration.ofSeconds(6), production.delayAfter(1, Optional.empty(), 1.0).orElseThrow());
        assertEquals(Duration.ofSeconds(5), production.delayAfter(1, Optional.empty(), 0.5).orElseThrow());
        assertTrue(production.delayAfter(8, Optional.empty(), 1.0).orElseThrow().compareTo(Duration.ofHours(6)) <= 0,
                "jitter never exceeds the cap");
    }

    @Test
    void aLongerRetryAfterWinsAndIsCapped() {
        assertEquals(Duration.ofSeconds(120), production.delayAfter(1, Optional.of(Duration.ofSeconds(120)), 0.5)
                .orElseThrow());
        assertEquals(Duration.ofSeconds(5), production.delayAfter(1, Optional.of(Duration.ofSeconds(1)), 0.5)
                .orElseThrow(), "a shorter Retry-After does not shorten the back-off");
        assertEquals(Duration.ofHours(6), production.delayAfter(1, Optional.of(Duration.ofDays(3)), 0.5)
                .orElseThrow());
        assertEquals(Optional.empty(), production.delayAfter(10, Optional.of(Duration.ofSeconds(1)), 0.5),
                "Retry-After does not add attempts");
    }
}
