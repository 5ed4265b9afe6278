package org.homeward.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.EventCodec;

/**
 * The HTTP layer refuses a body over {@code quarkus.http.limits.max-body-size} before any resource sees it, with a
 * bare 413. This answers that refusal, like every other error, as a problem that says what the limit is.
 */
@ApplicationScoped
public class BodyLimitProblem {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    String limit;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::renderTooLarge);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parse(declared) > bytes(limit)) {
            respond(context);
        } else {
            context.next();
        }
    }

    private void renderTooLarge(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            respond(context);
        } else {
            context.next();
        }
    }

    private void respond(RoutingContext context) {
        Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds the limit of " + limit + "B")
                .at(context.request().path());
        try {
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(EventCodec.mapper().writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(413).end();
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Quarkus' memory sizes: a number with an optional K, M or G suffix. */
    static long bytes(String size) {
        String s = size.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = s.endsWith("K") ? 1024 : s.endsWith("M") ? 1024 * 1024 : s.endsWith("G") ? 1024 * 1024 * 1024 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }
}
