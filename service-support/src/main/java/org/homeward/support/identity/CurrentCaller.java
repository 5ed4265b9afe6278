package org.homeward.support.identity;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one place services learn who calls them: the bearer token (a JWT the services verify against the configured
 * issuer's keys) names the organisation (claim {@code homeward.auth.organisation-claim}, default {@code org}), the
 * person or client ({@code sub}) and the roles ({@code groups}). Endpoints declare the role they need with
 * {@code @RolesAllowed}; this bean gives them the caller for scoping what they may see.
 */
@RequestScoped
public class CurrentCaller {

    static final int MAX_ORGANISATION = 100;
    static final int MAX_USER = 200;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "homeward.auth.organisation-claim", defaultValue = "org")
    String organisationClaim;

    /** The authenticated caller; 401 without a valid token, 403 for a token that names no organisation. */
    public Caller require() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        String organisation = claim(organisationClaim);
        if (organisation == null || organisation.isBlank() || organisation.length() > MAX_ORGANISATION) {
            throw new ForbiddenException("The token names no organisation");
        }
        String user = token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
        if (user != null && user.length() > MAX_USER) {
            throw new ForbiddenException("The token's subject is too long");
        }
        return new Caller(organisation.trim(), user, identity.getRoles());
    }

    private String claim(String path) {
        Object value = token.getClaim(path);
        if (value == null && path.contains("/")) {
            // A nested claim, e.g. "homeward/org" in providers that namespace custom claims.
            Object current = token.getClaim(path.substring(0, path.indexOf('/')));
            for (String part : path.substring(path.indexOf('/') + 1).split("/")) {
                current = current instanceof jakarta.json.JsonObject object && object.containsKey(part)
                        ? object.get(part) : null;
            }
            value = current;
        }
        if (value instanceof jakarta.json.JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }
}
