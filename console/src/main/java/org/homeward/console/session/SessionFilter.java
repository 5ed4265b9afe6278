package org.homeward.console.session;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Resolves the request's session from the {@code homeward_session} cookie (after an OpenID Connect sign-in, creates
 * it from the identity quarkus-oidc established). Without a session, pages redirect to {@code /sign-in} and the live
 * stream answers 401; the sign-in, sign-out and the language switch need none.
 */
public class SessionFilter {

    static final Set<String> PUBLIC = Set.of("/", "/sign-in", "/sign-out", "/language");

    @Inject
    SessionStore store;

    @Inject
    CurrentSession current;

    @Inject
    SignInMode mode;

    @Inject
    OidcSessions oidc;

    @Inject
    SecurityIdentity identity;

    @Inject
    SessionCookies cookies;

    @Inject
    ServerSideTokenState tokenState;

    /** quarkus-oidc's session cookie of the default tenant. */
    static final String OIDC_SESSION_COOKIE = "q_session";

    @ServerRequestFilter(priority = 900)
    public Response resolve(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SessionCookies.NAME);
        Optional<Session> session = Optional.empty();
        boolean timedOut = false;
        if (cookie != null && !cookie.getValue().isEmpty()) {
            session = store.find(cookie.getValue());
            if (session.isEmpty()) {
                current.clearCookie();
                timedOut = store.endedByTimeout(cookie.getValue());
            }
        }
        if (session.isEmpty() && mode.oidc() && timedOut && identity != null && !identity.isAnonymous()) {
            // The console's session ended by its idle or absolute timeout: not renewed silently from quarkus-oidc's
            // session, the person goes through the provider again.
            return signInAgain(request);
        }
        if (session.isEmpty() && mode.oidc()) {
            if (oidc.accessTokenSpent(identity)) {
                return signInAgain(request);
            }
            session = oidc.from(identity);
            session.ifPresent(current::created);
        }
        session.ifPresent(current::set);
        String path = request.getUriInfo().getPath();
        if (session.isPresent() || PUBLIC.contains(path)) {
            return null;
        }
        if (path.equals("/alerts/stream")) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        boolean refused = mode.oidc() && identity != null && !identity.isAnonymous();
        // Signed in at the provider but no session came of it (the account names no organisation): the sign-in page
        // says so, rather than sending the person round to the provider and back for ever.
        Response.ResponseBuilder redirect = Response.seeOther(URI.create(refused ? "/sign-in?refused=1" : "/sign-in"));
        if (current.mustClearCookie()) {
            redirect.cookie(cookies.cleared());
        }
        return redirect.build();
    }

    /**
     * The OIDC sign-in's access token is spent and quarkus-oidc did not refresh it, or the console's session timed
     * out: forget quarkus-oidc's session
     * (its cookie and the tokens kept for it) and send the person back to the page, which starts the provider's
     * sign-in again (a form's POST cannot be repeated, so it goes to the cases; the stream answers 401).
     */
    private Response signInAgain(ContainerRequestContext request) {
        Cookie oidcCookie = request.getCookies().get(OIDC_SESSION_COOKIE);
        if (oidcCookie != null) {
            tokenState.forget(oidcCookie.getValue());
        }
        if (request.getUriInfo().getPath().equals("/alerts/stream")) {
            return Response.status(Response.Status.UNAUTHORIZED).cookie(cookies.clearedOidc()).build();
        }
        URI back = "GET".equals(request.getMethod()) ? request.getUriInfo().getRequestUri() : URI.create("/cases");
        String target = back.getRawPath() + (back.getRawQuery() == null ? "" : "?" + back.getRawQuery());
        Response.ResponseBuilder redirect = Response.seeOther(URI.create(target)).cookie(cookies.clearedOidc());
        if (current.mustClearCookie()) {
            redirect.cookie(cookies.cleared());
        }
        return redirect.build();
    }

    @ServerResponseFilter
    public void cookie(ContainerResponseContext response) {
        Session created = current.createdNow();
        if (created != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.of(created).toString());
        } else if (current.mustClearCookie() && !response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.cleared().toString());
        }
    }
}
