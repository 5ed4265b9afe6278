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

    @ServerRequestFilter(priority = 900)
    public Response resolve(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SessionCookies.NAME);
        Optional<Session> session = Optional.empty();
        if (cookie != null && !cookie.getValue().isEmpty()) {
            session = store.find(cookie.getValue());
            if (session.isEmpty()) {
                current.clearCookie();
            }
        }
        if (session.isEmpty() && mode.oidc()) {
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
        Response.ResponseBuilder redirect = Response.seeOther(URI.create("/sign-in"));
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
