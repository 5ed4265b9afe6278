package org.homeward.console.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions end when idle, at their absolute end (never past the token's), and at sign-out. */
class SessionStoreTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-01T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final SessionStore store = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(8));

    Session create(Instant tokenExpiry) {
        return store.create("defector-org", "advocate-1", List.of("advocate"), "token", tokenExpiry,
                Session.SignInMethod.LOCAL);
    }

    @Test
    void idsAre32RandomBytesInBase64Url() {
        Session a = create(null);
        Session b = create(null);
        assertEquals(43, a.id().length());
        assertTrue(a.id().matches("[A-Za-z0-9_-]{43}"));
        assertNotEquals(a.id(), b.id());
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutAndUseKeepsItAlive() {
        Session session = create(null);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(session.id()).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(session.id()).isPresent(), "used 29 minutes ago");
        clock.advance(Duration.ofMinutes(30));
        assertFalse(store.find(session.id()).isPresent(), "idle for 30 minutes");
        clock.advance(Duration.ofMinutes(-60));
        assertFalse(store.find(session.id()).isPresent(), "an ended session stays ended");
    }

    @Test
    void aSessionEndsAtItsAbsoluteEndHoweverMuchItIsUsed() {
        Session session = create(null);
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertTrue(store.find(session.id()).isPresent());
        }
        clock.advance(Duration.ofMinutes(16));
        assertFalse(store.find(session.id()).isPresent(), "8 h after creation");
    }

    @Test
    void aSessionNeverOutlivesItsToken() {
        Session session = create(clock.instant().plus(Duration.ofMinutes(20)));
        assertEquals(clock.instant().plus(Duration.ofMinutes(20)), session.expiresAt());
        clock.advance(Duration.ofMinutes(19));
        assertTrue(store.find(session.id()).isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertFalse(store.find(session.id()).isPresent());
    }

    @Test
    void signOutEndsTheSession() {
        Session session = create(null);
        Session other = create(null);
        store.end(session.id());
        assertFalse(store.find(session.id()).isPresent());
        assertTrue(store.find(other.id()).isPresent());
        store.end(null);
        assertFalse(store.find(null).isPresent());
        assertFalse(store.find("").isPresent());
    }

    @Test
    void expiredSessionsArePurged() {
        create(null);
        create(null);
        clock.advance(Duration.ofHours(1));
        store.purgeExpired();
        assertEquals(0, store.size());
    }

    @Test
    void itsTextNamesNeitherTheIdTheTokenNorThePerson() {
        Session session = create(null);
        String text = session.toString();
        assertFalse(text.contains(session.id()));
        assertFalse(text.contains("token"));
        assertFalse(text.contains("advocate-1"));
    }

    @Test
    void aSessionEndedByATimeoutIsToldApartFromOneEndedByItsToken() {
        Session idle = create(null);
        clock.advance(Duration.ofMinutes(30));
        assertFalse(store.find(idle.id()).isPresent());
        assertTrue(store.endedByTimeout(idle.id()), "idle for 30 minutes");
        assertFalse(store.endedByTimeout(idle.id()), "told once");

        Session old = create(null);
        for (int i = 0; i < 17; i++) {
            clock.advance(Duration.ofMinutes(29));
            store.find(old.id());
        }
        assertFalse(store.find(old.id()).isPresent());
        assertTrue(store.endedByTimeout(old.id()), "at its absolute end");

        Session token = create(clock.instant().plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertFalse(store.find(token.id()).isPresent());
        assertFalse(store.endedByTimeout(token.id()), "its token expired: a refreshed one may make a new session");

        Session signedOut = create(null);
        store.end(signedOut.id());
        assertFalse(store.endedByTimeout(signedOut.id()));

        Session purged = create(null);
        clock.advance(Duration.ofMinutes(31));
        store.purgeExpired();
        assertTrue(store.endedByTimeout(purged.id()), "purged for idling, still told apart");
        assertFalse(store.endedByTimeout("unknown"));
        assertFalse(store.endedByTimeout(null));
    }
}
