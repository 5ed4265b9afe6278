package org.homeward.support.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a client is told from the tokens the bucket's statement answers: whole tokens left, and whole seconds. */
class DecisionTest {

    private static final Quota QUOTA = new Quota(0.5, 10);

    @Test
    void anAllowedRequestTellsWhatIsLeftAndWhenTheBucketIsFull() {
        Decision decision = Decision.of(QUOTA, 1, 6.4, true);
        assertEquals(new Decision(true, 10, 6, 8, 0), decision); // (10 - 6.4) / 0.5 = 7.2 s, rounded up
        assertEquals(Map.of("RateLimit-Limit", "10", "RateLimit-Remaining", "6", "RateLimit-Reset", "8"),
                decision.headers());
    }

    @Test
    void aRefusedRequestIsToldToComeBackWhenItsTokensAreThereAndNeverSooner() {
        assertEquals(5, Decision.of(QUOTA, 3, 0.6, false).retryAfterSeconds()); // (3 - 0.6) / 0.5 = 4.8 s
        assertEquals(1, Decision.of(QUOTA, 1, 0.999, false).retryAfterSeconds()); // never 0: that would mean now
    }

    @Test
    void aQuotaThatCouldNeverAdmitAnythingIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new Quota(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Quota(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new Quota(1, 0));
    }
}
