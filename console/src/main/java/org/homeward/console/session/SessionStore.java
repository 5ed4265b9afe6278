package org.homeward.console.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sessions of this replica, in memory: id → organisation, person, roles, bearer token, created, last used. A
 * session ends when it has not been used for the idle timeout, at its absolute end (creation plus the absolute
 * timeout, never past the token's expiry), or at sign-out. A restart signs everyone out; several replicas need
 * sticky sessions (docs/console.md).
 */
@ApplicationScoped
public class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** Ids of sessions that ended by the idle or absolute timeout (not by their token's expiry), and when. */
    private final ConcurrentMap<String, Instant> timedOut = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;

    @Inject
    public SessionStore(
            @ConfigProperty(name = "homeward.console.session.idle-timeout", defaultValue = "PT30M") Duration idleTimeout,
            @ConfigProperty(name = "homeward.console.session.absolute-timeout", defaultValue = "PT8H")
            Duration absoluteTimeout) {
        this(Clock.systemUTC(), idleTimeout, absoluteTimeout);
    }

    public SessionStore(Clock clock, Duration idleTimeout, Duration absoluteTimeout) {
        this.clock = Objects.requireNonNull(clock);
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.isNegative()
                || absoluteTimeout.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive");
        }
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
    }

    /** A new session for a person whose token expires at {@code tokenExpiry} (null: unknown). */
    public Session create(String organisation, String user, List<String> roles, String token, Instant tokenExpiry,
            Session.SignInMethod method) {
        purgeExpired();
        Instant now = clock.instant();
        Instant end = now.plus(absoluteTimeout);
        if (tokenExpiry != null && tokenExpiry.isBefore(end)) {
            end = tokenExpiry;
        }
        Session session = new Session(newId(), organisation, user, roles, token, now, now, end, method);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked used now; empty (and forgotten) when it has expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(id, (key, session) -> {
            if (expired(session, now)) {
                markIfTimedOut(session, now);
                return null;
            }
            return session.touched(now);
        });
        return Optional.ofNullable(found);
    }

    /**
     * Whether the session with this id is live now (not ended, not expired), without marking it used: a relayed live
     * stream asks this to end with its session.
     */
    public boolean live(String id) {
        Session session = id == null ? null : sessions.get(id);
        return session != null && !expired(session, clock.instant());
    }

    /**
     * Whether the session with this id ended by the idle or the absolute timeout, rather than by its token's expiry
     * or a sign-out; asked once (the mark is forgotten). After an OpenID Connect sign-in the console then sends the
     * person through the provider again instead of making a new session from quarkus-oidc's.
     */
    public boolean endedByTimeout(String id) {
        return id != null && timedOut.remove(id) != null;
    }

    private void markIfTimedOut(Session session, Instant now) {
        if (!now.isBefore(session.lastUsed().plus(idleTimeout)) || !now.isBefore(session.created()
                .plus(absoluteTimeout))) {
            timedOut.put(session.id(), now);
        }
    }

    /** Ends the session (sign-out); nothing when there is none. */
    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Sessions held now (expired ones included until they are next looked at or purged). */
    public int size() {
        return sessions.size();
    }

    /** Forgets every expired session. */
    public void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> {
            if (expired(session, now)) {
                markIfTimedOut(session, now);
                return true;
            }
            return false;
        });
        timedOut.values().removeIf(at -> at.plus(absoluteTimeout).isBefore(now));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    boolean expired(Session session, Instant now) {
        return !now.isBefore(session.expiresAt()) || !now.isBefore(session.lastUsed().plus(idleTimeout));
    }

    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
