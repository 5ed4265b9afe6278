package org.homeward.support.http;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every response of every Homeward service, whatever answered it (a resource, a problem mapper,
 * the body limit, health, OpenAPI, CORS preflights):
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer};
 * <li>{@code Content-Security-Policy}: {@value #API_CSP} for the API (JSON never needs to load anything), and a
 * policy that lets Swagger UI's own scripts and styles run on its pages (which are off in prod);
 * <li>{@code Cache-Control: no-store} (answers hold case data; no proxy or browser may keep them), except Swagger UI's
 * static files;
 * <li>{@code Strict-Transport-Security} in prod ({@code homeward.http.hsts}, on by default in prod, off in dev and
 * tests, which speak plain HTTP on loopback).
 * </ul>
 * The headers are set when the response's headers are written, so they are on every answer, including those of
 * handlers that end the response before any resource runs.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            + "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @ConfigProperty(name = "homeward.http.hsts")
    Optional<Boolean> hsts;

    @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
    String nonApplicationRoot;

    /** Registered before every other route (and before the body limit's), so no answer escapes it. */
    void register(@Observes @Priority(1) Router router) {
        boolean strictTransport = hsts.orElse(LaunchMode.current() == LaunchMode.NORMAL);
        String root = "/" + nonApplicationRoot.replaceAll("^/+|/+$", "") + "/";
        String ui = root + "swagger-ui";
        String devUi = root + "dev-ui";
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String path = context.normalizedPath();
            boolean uiPage = path.startsWith(ui) || path.startsWith(devUi);
            context.addHeadersEndHandler(ignored -> apply(context, uiPage, strictTransport));
            context.next();
        });
    }

    private static void apply(RoutingContext context, boolean uiPage, boolean strictTransport) {
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", uiPage ? UI_CSP : API_CSP);
        if (!uiPage) {
            headers.set("Cache-Control", "no-store");
        }
        if (strictTransport) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }
}
