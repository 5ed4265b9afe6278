package org.homeward.console.session;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps quarkus-oidc's tokens on the server: its session cookie carries a random key, not the (encrypted) tokens, so
 * no token ever reaches the browser in any form. Entries are dropped at sign-out and after the absolute timeout.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ServerSideTokenState implements TokenStateManager {

    private static final Duration KEEP = Duration.ofHours(9);

    private record Entry(AuthorizationCodeTokens tokens, Instant stored) {
    }

    private final ConcurrentMap<String, Entry> tokens = new ConcurrentHashMap<>();

    @Override
    public Uni<String> createTokenState(RoutingContext context, OidcTenantConfig config,
            AuthorizationCodeTokens codeTokens, OidcRequestContext<String> request) {
        Instant now = Instant.now();
        tokens.values().removeIf(e -> e.stored().plus(KEEP).isBefore(now));
        String key = SessionStore.newId();
        tokens.put(key, new Entry(codeTokens, now));
        return Uni.createFrom().item(key);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext context, OidcTenantConfig config, String state,
            OidcRequestContext<AuthorizationCodeTokens> request) {
        Entry entry = state == null ? null : tokens.get(state);
        if (entry == null) {
            // Unknown or forgotten (a restart, sign-out): the person signs in again.
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(entry.tokens());
    }

    /** Forgets the tokens under this key (the value of quarkus-oidc's session cookie); nothing if unknown. */
    void forget(String key) {
        if (key != null) {
            tokens.remove(key);
        }
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext context, OidcTenantConfig config, String state,
            OidcRequestContext<Void> request) {
        if (state != null) {
            tokens.remove(state);
        }
        return Uni.createFrom().voidItem();
    }
}
