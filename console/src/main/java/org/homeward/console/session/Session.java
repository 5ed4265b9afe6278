package org.homeward.console.session;

import java.time.Instant;
import java.util.List;

/**
 * A signed-in person's session, kept on the server only: the browser holds the random id in an HttpOnly cookie, never
 * the token. {@link #toString()} prints neither the id (a credential), the token nor the person's name.
 *
 * @param id         32 random bytes, base64url
 * @param expiresAt  the absolute end: creation plus the absolute timeout, and never past the token's expiry
 * @param lastUsed   the last request that used it (the idle timeout counts from here)
 */
public record Session(String id, String organisation, String user, List<String> roles, String token,
        Instant created, Instant lastUsed, Instant expiresAt, SignInMethod method) {

    public Session {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** How the person signed in. */
    public enum SignInMethod {
        LOCAL,
        OIDC
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean advocate() {
        return hasRole("advocate");
    }

    Session touched(Instant now) {
        return new Session(id, organisation, user, roles, token, created, now, expiresAt, method);
    }

    @Override
    public String toString() {
        return "Session[organisation=" + organisation + ", roles=" + roles + ", method=" + method + "]";
    }
}
