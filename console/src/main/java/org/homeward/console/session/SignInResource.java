package org.homeward.console.session;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.console.i18n.Labels;
import org.homeward.console.web.Chrome;
import org.homeward.console.web.Pages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Signing in and out. Locally (a private key configured) a form mints a token as {@code ./homeward token} does; in
 * production quarkus-oidc runs the authorization-code flow before any page and {@link SessionFilter} builds the
 * session, so {@code /sign-in} only sends the person on.
 */
@Path("/")
public class SignInResource {

    private static final Logger LOG = Logger.getLogger(SignInResource.class);
    static final String ORGANISATION = "[A-Za-z0-9._:-]{1,100}";

    @CheckedTemplate(basePath = "session")
    public static class Templates {
        public static native TemplateInstance signIn(Chrome chrome, Labels l, boolean local, boolean oidc, boolean refused,
                boolean invalid,
                boolean signedOut, String organisation, String name, List<String> roles, List<String> allRoles);
    }

    @Inject
    Pages pages;

    @Inject
    SignInMode mode;

    @Inject
    LocalTokenMinter minter;

    @Inject
    SessionStore store;

    @Inject
    SessionCookies cookies;

    @Inject
    CurrentSession current;

    @Inject
    Instance<OidcSession> oidcSession;

    @Inject
    Instance<OidcConfigurationMetadata> metadata;

    @Inject
    ServerSideTokenState tokenState;

    @Inject
    Instance<SecurityIdentity> identity;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    Optional<String> clientId;

    @ConfigProperty(name = "quarkus.oidc.authentication.force-redirect-https-scheme", defaultValue = "false")
    boolean forceHttps;

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Object signInPage(@QueryParam("signed-out") String signedOut, @QueryParam("refused") String refused) {
        if (current.get().isPresent()) {
            return Response.seeOther(URI.create("/cases")).build();
        }
        if (!mode.local() && mode.oidc() && refused != null && identity.isResolvable()
                && !identity.get().isAnonymous()) {
            // Signed in at the provider, but its account names no organisation (SessionFilter sent the person here).
            return Response.status(Response.Status.FORBIDDEN).entity(page(false, false, true, "", "", List.of()))
                    .build();
        }
        if (!mode.local() && mode.oidc() && signedOut == null) {
            // Any page starts the provider's sign-in (quarkus.http.auth.permission in %prod); after signing out,
            // this page says so and links to it.
            return Response.seeOther(URI.create("/cases")).build();
        }
        return page(false, signedOut != null, false, "", "", List.of());
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Object signIn(@RestForm String organisation, @RestForm String name, @RestForm List<String> roles) {
        if (!mode.local()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String org = organisation == null ? "" : organisation.strip();
        String user = name == null ? "" : name.strip();
        List<String> chosen = roles == null ? List.of()
                : LocalTokenMinter.ROLES.stream().filter(roles::contains).toList();
        if (!org.matches(ORGANISATION) || user.isEmpty() || user.length() > 200 || chosen.isEmpty()
                || chosen.size() != roles.stream().distinct().count()) {
            return Response.status(422).entity(page(true, false, false, org, user, chosen)).build();
        }
        LocalTokenMinter.Minted token = minter.mint(org, user, chosen);
        Session session = store.create(org, user, chosen, token.token(), token.expiresAt(), Session.SignInMethod.LOCAL);
        LOG.infof("local sign-in: a session for organisation %s with roles %s", org, chosen);
        return Response.seeOther(URI.create("/cases")).cookie(cookies.of(session)).build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@Context UriInfo uri, @CookieParam(SessionFilter.OIDC_SESSION_COOKIE) String oidcCookie) {
        URI next = URI.create("/sign-in?signed-out=1");
        boolean oidcSignedIn = false;
        Optional<Session> signedIn = current.get();
        if (signedIn.isPresent()) {
            Session session = signedIn.get();
            store.end(session.id());
            if (session.method() == Session.SignInMethod.OIDC && oidcSession.isResolvable()) {
                next = providerSignOut(uri).orElse(next);
                oidcSignedIn = true;
                try {
                    oidcSession.get().logout().await().atMost(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.debugf("the OIDC session could not be ended (%s)", e.getClass().getSimpleName());
                }
            }
        }
        if (oidcCookie != null && !oidcSignedIn && oidcSession.isResolvable()) {
            // Signed in at the provider without a console session (refused: no organisation).
            next = providerSignOut(uri).orElse(next);
        }
        if (oidcCookie != null) {
            // Whatever quarkus-oidc did, its session's tokens are forgotten and its cookie cleared.
            tokenState.forget(oidcCookie);
            oidcSignedIn = true;
        }
        Response.ResponseBuilder answer = Response.seeOther(next).cookie(cookies.cleared());
        return (oidcSignedIn ? answer.cookie(cookies.clearedOidc()) : answer).build();
    }

    /**
     * The provider's end-session endpoint (RP-initiated logout), when its discovery document names one: the person's
     * session at the provider ends too, so the next sign-in asks again. It names the console by {@code client_id}
     * rather than the ID token ({@code id_token_hint}): no token goes into a URL the browser keeps.
     */
    private Optional<URI> providerSignOut(UriInfo uri) {
        try {
            if (!metadata.isResolvable() || metadata.get().getEndSessionUri() == null || clientId.isEmpty()) {
                return Optional.empty();
            }
            jakarta.ws.rs.core.UriBuilder base = uri.getBaseUriBuilder();
            if (forceHttps) {
                // Behind a proxy that ends TLS (as quarkus-oidc builds the redirect_uri): the person's URL is https.
                base.scheme("https");
            }
            String back = base.path("sign-in").queryParam("signed-out", "1").build().toString();
            String endSession = metadata.get().getEndSessionUri();
            return Optional.of(URI.create(endSession + (endSession.contains("?") ? "&" : "?") + "client_id="
                    + URLEncoder.encode(clientId.get(), StandardCharsets.UTF_8) + "&post_logout_redirect_uri="
                    + URLEncoder.encode(back, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            LOG.debugf("no end-session endpoint of the provider (%s)", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private TemplateInstance page(boolean invalid, boolean signedOut, boolean refused, String organisation, String name,
            List<String> roles) {
        return pages.render(Templates.signIn(pages.chrome("", "/sign-in", null), pages.labels(), mode.local(),
                mode.oidc(), refused, invalid, signedOut, organisation, name, roles, LocalTokenMinter.ROLES));
    }
}
