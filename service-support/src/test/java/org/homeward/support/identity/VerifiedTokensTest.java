package org.homeward.support.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final VerifiedTokens<String> tokens = new VerifiedTokens<>(3, 60_000, now::get);

    @Test
    void aVerifiedTokenIsRememberedUntilItsOwnEndWhenThatComesFirst() {
        tokens.put("a.b.c", "claims", now.get() + 5_000);
        assertEquals("claims", tokens.get("a.b.c"));
        now.addAndGet(4_999);
        assertEquals("claims", tokens.get("a.b.c"));
        now.addAndGet(1);
        assertNull(tokens.get("a.b.c"), "at its expiry it is verified again");
        assertEquals(0, tokens.size(), "and forgotten");
    }

    @Test
    void aLongLivedTokenIsRememberedForTheTimeToLiveOnly() {
        tokens.put("a.b.c", "claims", now.get() + 3_600_000);
        now.addAndGet(59_999);
        assertEquals("claims", tokens.get("a.b.c"));
        now.addAndGet(1);
        assertNull(tokens.get("a.b.c"), "after the time to live it is verified again (a withdrawn key stops there)");
    }

    @Test
    void onlyTheSameTextIsKnown() {
        tokens.put("a.b.c", "claims", now.get() + 5_000);
        assertNull(tokens.get("a.b.d"), "another signature is another token");
        assertNull(tokens.get("a.b.c "));
        assertNull(tokens.get("A.b.c"));
    }

    @Test
    void anAlreadyEndedTokenIsNotKept() {
        tokens.put("a.b.c", "claims", now.get());
        assertNull(tokens.get("a.b.c"));
        assertEquals(0, tokens.size());
    }

    @Test
    void theNumberOfTokensIsBounded() {
        tokens.put("t1", "1", now.get() + 1_000);
        tokens.put("t2", "2", now.get() + 50_000);
        tokens.put("t3", "3", now.get() + 50_000);
        now.addAndGet(1_000);
        tokens.put("t4", "4", now.get() + 50_000);
        assertEquals(3, tokens.size(), "the expired one made room");
        assertEquals("2", tokens.get("t2"));
        tokens.put("t5", "5", now.get() + 50_000);
        assertTrue(tokens.size() <= 3, "full of live tokens: they go, and are verified again when they come back");
        assertEquals("5", tokens.get("t5"));
    }
}
