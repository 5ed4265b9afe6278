package org.homeward.console.session;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
        public static native TemplateInstance signIn(Chrome chrome, Labels l, boolean local, boolean invalid,
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

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Object signInPage(@QueryParam("signed-out") String signedOut) {
        if (current.get().isPresent()) {
            return Response.seeOther(URI.create("/cases")).build();
        }
        if (!mode.local() && mode.oidc()) {
            // Any page starts the provider's sign-in (quarkus.http.auth.permission in %prod).
            return Response.seeOther(URI.create("/cases")).build();
        }
        return page(false, signedOut != null, "", "", List.of());
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
            return Response.status(422).entity(page(true, false, org, user, chosen)).build();
        }
        LocalTokenMinter.Minted token = minter.mint(org, user, chosen);
        Session session = store.create(org, user, chosen, token.token(), token.expiresAt(), Session.SignInMethod.LOCAL);
        LOG.infof("local sign-in: a session for organisation %s with roles %s", org, chosen);
        return Response.seeOther(URI.create("/cases")).cookie(cookies.of(session)).build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        current.get().ifPresent(session -> {
            store.end(session.id());
            if (session.method() == Session.SignInMethod.OIDC && oidcSession.isResolvable()) {
                try {
                    oidcSession.get().logout().await().atMost(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.debugf("the OIDC session could not be ended (%s)", e.getClass().getSimpleName());
                }
            }
        });
        return Response.seeOther(URI.create("/sign-in?signed-out=1")).cookie(cookies.cleared()).build();
    }

    private TemplateInstance page(boolean invalid, boolean signedOut, String organisation, String name,
            List<String> roles) {
        return pages.render(Templates.signIn(pages.chrome("", "/sign-in", null), pages.labels(), mode.local(),
                invalid, signedOut, organisation, name, roles, LocalTokenMinter.ROLES));
    }
}
