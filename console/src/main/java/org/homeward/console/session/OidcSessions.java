package org.homeward.console.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Builds a console session from an OpenID Connect sign-in (authorization-code flow, quarkus-oidc web-app): the
 * organisation from the ID or access token's organisation claim, the roles from their {@code groups} (and the roles
 * quarkus-oidc mapped), the access token as the APIs' bearer. Its expiry bounds the session.
 */
@ApplicationScoped
public class OidcSessions {

    /** A token that expires within this is spent: no page's calls would finish with it. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    @ConfigProperty(name = "homeward.console.oidc.organisation-claim", defaultValue = "org")
    String organisationClaim;

    @Inject
    SessionStore store;

    @Inject
    ObjectMapper mapper;

    /** A new session for this OIDC identity, or empty when it carries no access token or no organisation. */
    public Optional<Session> from(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access == null || access.getToken() == null) {
            return Optional.empty();
        }
        JsonNode accessClaims = claims(access.getToken());
        String organisation = null;
        String user = null;
        Set<String> roles = new LinkedHashSet<>();
        if (identity.getPrincipal() instanceof JsonWebToken idToken) {
            Object org = idToken.getClaim(organisationClaim);
            organisation = org == null ? null : org.toString().replace("\"", "");
            user = idToken.getClaim("preferred_username") != null ? idToken.getClaim("preferred_username").toString()
                    : idToken.getSubject();
            if (idToken.getGroups() != null) {
                roles.addAll(idToken.getGroups());
            }
        }
        if (organisation == null && accessClaims.hasNonNull(organisationClaim)) {
            organisation = accessClaims.get(organisationClaim).asText();
        }
        if (user == null && accessClaims.hasNonNull("sub")) {
            user = accessClaims.get("sub").asText();
        }
        if (accessClaims.has("groups") && accessClaims.get("groups").isArray()) {
            accessClaims.get("groups").forEach(g -> roles.add(g.asText()));
        }
        roles.addAll(identity.getRoles());
        if (organisation == null || organisation.isBlank()) {
            return Optional.empty();
        }
        List<String> known = new ArrayList<>(roles);
        known.retainAll(LocalTokenMinter.ROLES);
        Instant expiry = accessClaims.hasNonNull("exp") ? Instant.ofEpochSecond(accessClaims.get("exp").asLong())
                : null;
        return Optional.of(store.create(organisation, user == null ? "" : user, known, access.getToken(), expiry,
                Session.SignInMethod.OIDC));
    }

    /**
     * Whether this OIDC identity's access token has expired or does within {@link #MARGIN}: a session on it would
     * fail its first call. quarkus-oidc refreshes the tokens when the ID token expires; a provider whose access
     * tokens expire before its ID tokens leaves this case, and the person goes through the provider again.
     */
    public boolean accessTokenSpent(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return false;
        }
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access == null || access.getToken() == null) {
            return false;
        }
        JsonNode claims = claims(access.getToken());
        return claims.hasNonNull("exp")
                && !Instant.ofEpochSecond(claims.get("exp").asLong()).isAfter(Instant.now().plus(MARGIN));
    }

    /** The claims of a JWT's payload (already verified by quarkus-oidc); empty for an opaque token. */
    private JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }
}
