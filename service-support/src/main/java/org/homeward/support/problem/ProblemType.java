package org.homeward.support.problem;

import java.net.URI;

/**
 * Every kind of problem a Homeward API answers, with its stable type URI (RFC 9457). Clients branch on {@link #uri()},
 * never on the title or detail text. docs/api/problems.md describes each.
 */
public enum ProblemType {
    VALIDATION("validation", 422, "The request has invalid fields"),
    MALFORMED_JSON("malformed-json", 400, "The body is not well-formed JSON"),
    MALFORMED_CSV("malformed-csv", 400, "The body is not well-formed CSV"),
    UNKNOWN_EVENT_TYPE("unknown-event-type", 422, "The event type is not one Homeward knows"),
    MISSING_HEADER("missing-header", 400, "A required header is missing"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The content type is not supported"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The body is too large"),
    UNAUTHORIZED("unauthorized", 401, "A valid bearer token is required"),
    FORBIDDEN("forbidden", 403, "The token does not allow this"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests from this organisation"),
    NOT_FOUND("not-found", 404, "Not found"),
    CASE_NOT_FOUND("case-not-found", 404, "The case does not exist"),
    CASE_ERASED("case-erased", 410, "The case was erased"),
    UNKNOWN_EVENT("unknown-event", 422, "The event named is not a known event of the case"),
    EVENT_NOT_RETRACTABLE("event-not-retractable", 422, "The event named cannot be retracted"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "The idempotency key was used for another request"),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", 409, "A request with this idempotency key is in progress"),
    TOO_MANY_ITEMS("too-many-items", 413, "The request has too many items"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "The method is not allowed here"),
    CONFLICT("conflict", 409, "The resource is not in a state that allows this"),
    BAD_REQUEST("bad-request", 400, "The request is not valid"),
    BROKER_UNAVAILABLE("broker-unavailable", 503, "Homeward cannot store events right now"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "The service is unavailable"),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", 503, "The service's database or broker did not answer in time"),
    OUTCOME_UNKNOWN("outcome-unknown", 503, "Whether the event was stored is not known"),
    INTERNAL("internal", 500, "Something went wrong on our side");

    public static final String BASE = "https://homeward.org/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
