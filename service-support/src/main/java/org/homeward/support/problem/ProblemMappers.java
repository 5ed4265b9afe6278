package org.homeward.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every Homeward API leaves as {@code application/problem+json}: these mappers are the one place that
 * turns exceptions into problems. Unexpected failures answer 500 with an incident id that is also logged, never the
 * exception itself.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri, e.headers());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = Pointers.errors("", e.getConstraintViolations());
        return respond(Problem.of(ProblemType.VALIDATION, count(errors.size()), errors), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return respond(Problem.of(ProblemType.MALFORMED_JSON, "The body could not be parsed as JSON"), uri, Map.of());
        }
        String pointer = Pointers.of("", mapping);
        String detail = e instanceof UnrecognizedPropertyException ? "is not a field of this request"
                : "has the wrong type or format";
        if (pointer.isEmpty()) {
            return respond(Problem.of(ProblemType.MALFORMED_JSON, "The body does not have the expected shape"), uri,
                    Map.of());
        }
        return respond(Problem.of(ProblemType.VALIDATION, "1 field is not valid",
                List.of(new Problem.FieldError(pointer, detail))), uri, Map.of());
    }

    /** No token, or one that is expired, wrongly signed, or from another issuer: 401 with a Bearer challenge. */
    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.UNAUTHORIZED,
                "Send Authorization: Bearer <token> with a valid, unexpired token from the configured issuer"), uri,
                Map.of("WWW-Authenticate", "Bearer"));
    }

    /** A valid token without the role the operation needs (or without an organisation): 403. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN,
                "The token's roles or organisation do not allow this operation"), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.NOT_FOUND, "There is nothing at this address"), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.METHOD_NOT_ALLOWED, "See the OpenAPI document for the methods here"),
                uri, Map.of());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This operation does not take this content "
                + "type; its OpenAPI document lists the ones it takes"), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json"), uri,
                Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json, uri);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return respond(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds the documented limit"), uri,
                    Map.of());
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Problem problem = new Problem(ProblemType.BAD_REQUEST.uri(), ProblemType.BAD_REQUEST.title(), status,
                "The request could not be processed as sent", null, List.of());
        return respond(problem, uri, Map.of());
    }

    /**
     * Anything else. A dependency that did not answer (see {@link DependencyFailures}) answers 503
     * {@code dependency-unavailable} with {@code Retry-After}; every other failure 500 with an incident id.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DependencyFailures.isUnavailable(e)) {
            LOG.warnf("Dependency unavailable on %s: %s", uri == null ? "?" : uri.getPath(), firstLine(e));
            return respond(DependencyFailures.problem(), uri, DependencyFailures.retryAfter());
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf("Incident %s on %s: %s", incident, uri == null ? "?" : uri.getPath(), SafeLog.describe(e));
        return respond(Problem.of(ProblemType.INTERNAL, "Incident " + incident + " was logged; quote it to support"),
                uri, Map.of());
    }

    /** The failure's classes and where the first was thrown: enough to tell a timeout from a refusal, no data. */
    private static String firstLine(Throwable e) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 6; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append('[').append(sql.getSQLState()).append(']');
            }
        }
        return out.toString();
    }

    private static Response respond(Problem problem, UriInfo uri, Map<String, String> headers) {
        Problem located = uri == null ? problem : problem.at(uri.getPath());
        Response.ResponseBuilder response = Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located);
        headers.forEach(response::header);
        return response.build();
    }

    static String count(int errors) {
        return errors == 1 ? "1 field is not valid" : errors + " fields are not valid";
    }
}
