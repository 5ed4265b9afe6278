package org.homeward.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.UUID;
import org.homeward.console.api.ApiException;
import org.homeward.console.api.ApiUnavailableException;
import org.homeward.console.i18n.Labels;
import org.homeward.console.session.CurrentSession;
import org.homeward.console.session.NotSignedInException;
import org.homeward.console.session.SessionCookies;
import org.homeward.console.session.SessionStore;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What a page answers when it cannot show what was asked: no session → the sign-in; the API no longer takes the
 * session's token → the session ends and the sign-in; not found, not allowed, a service down → an error page in the
 * person's language. Logs name the service, the status and the problem type only.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @CheckedTemplate(basePath = "web")
    public static class Templates {
        public static native TemplateInstance error(Chrome chrome, Labels l, String title, String detail);
    }

    @Inject
    Pages pages;

    @Inject
    CurrentSession current;

    @Inject
    SessionStore store;

    @Inject
    SessionCookies cookies;

    @ServerExceptionMapper
    public Response notSignedIn(NotSignedInException e) {
        return Response.seeOther(URI.create("/sign-in")).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Labels l = pages.labels();
        switch (e.status()) {
            case 401 -> {
                current.get().ifPresent(s -> store.end(s.id()));
                return Response.seeOther(URI.create("/sign-in")).cookie(cookies.cleared()).build();
            }
            case 404 -> {
                return page(404, l.messages().error_not_found(), l.messages().error_not_found_detail());
            }
            case 410 -> {
                // The case's owner erased it (CASE_ERASED): nothing of the person can be shown, ever again.
                return page(410, l.messages().error_erased(), l.messages().error_erased_detail());
            }
            case 403 -> {
                return page(403, l.messages().error_forbidden(), l.messages().error_forbidden_detail());
            }
            case 503 -> {
                // A dependency of the API does not answer right now: the same as the API not answering.
                LOG.warnf("%s", e.getMessage());
                return unavailablePage(l);
            }
            default -> {
                LOG.warnf("%s", e.getMessage());
                return page(502, l.messages().error_title(), l.messages().error_generic());
            }
        }
    }

    @ServerExceptionMapper
    public Response unavailable(ApiUnavailableException e) {
        LOG.warnf("%s", e.getMessage());
        return unavailablePage(pages.labels());
    }

    /** 503 with Retry-After, as the APIs answer when a dependency hangs: the page may simply be loaded again. */
    private Response unavailablePage(Labels l) {
        return Response.fromResponse(page(503, l.messages().error_title(), l.messages().error_unavailable()))
                .header("Retry-After", "5").build();
    }

    /**
     * Anything else: an error page without details. The log names the exception's class and where it was thrown,
     * never its message (messages can quote data).
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return web.getResponse();
        }
        StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        String incident = UUID.randomUUID().toString();
        LOG.errorf("incident %s: %s at %s", incident, e.getClass().getName(), at);
        Labels l = pages.labels();
        return page(500, l.messages().error_title(), l.messages().error_generic() + " (" + incident + ")");
    }

    private Response page(int status, String title, String detail) {
        Labels l = pages.labels();
        String html = pages.render(Templates.error(pages.chrome("", "/cases", null), l, title, detail)).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
