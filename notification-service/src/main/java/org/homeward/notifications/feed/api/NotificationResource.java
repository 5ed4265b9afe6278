package org.homeward.notifications.feed.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.events.Category;
import org.homeward.events.Urgency;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.advocate.CurrentAdvocate;
import org.homeward.notifications.feed.domain.Feed;
import org.homeward.notifications.feed.domain.FeedHub;
import org.homeward.notifications.feed.domain.FeedQuery;
import org.homeward.notifications.subscription.api.SubscriptionView;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.events.validation.Texts;
import org.homeward.support.problem.Params;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.identity.Roles;

/**
 * The calling advocate's in-app feed (their FEED subscriptions' notifications and their organisation's critical
 * alerts), its acknowledgements and its live stream.
 */
@Path("/api/v1/notifications")
@Tag(name = "Feed", description = "The calling advocate's notifications from FEED subscriptions and their "
        + "organisation's critical alerts, and their live stream")
@RolesAllowed(Roles.ADVOCATE)
public class NotificationResource {

    static final String EXAMPLE = """
            {"id": "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "sequence": 42,
             "subscriptionId": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f", "organisationWide": false,
             "caseId": "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c", "eventId": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
             "type": "TRANSFERRED", "category": "NORTH_KOREAN_POW", "status": "APPLIED",
             "fromState": "INTENT_STATED", "toState": "TRANSFERRED", "urgency": "HIGH", "alerts": [],
             "occurredAt": "2026-02-01T09:00:00Z", "receivedAt": "2026-02-01T09:05:00Z",
             "createdAt": "2026-02-01T09:05:01Z",
             "caseUrl": "https://cases.homeward.example/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c"}""";

    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UUID_PATTERN = SubscriptionView.UUID_PATTERN;
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/notifications"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/notifications"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/notifications"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/notifications"}""";
    static final String NOT_FOUND = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Notification 3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f was not found",
             "instance": "/api/v1/notifications/3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f/ack"}""";
    static final String INVALID_FILTER = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/notifications",
             "errors": [{"pointer": "acked", "detail": "must be true or false"}]}""";
    static final String INVALID_ID = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/notifications/42/ack",
             "errors": [{"pointer": "id", "detail": "must be a UUID"}]}""";
    static final String INVALID_LAST_EVENT_ID = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/notifications/stream",
             "errors": [{"pointer": "Last-Event-ID", "detail": "must be a sequence number from an earlier event"}]}""";
    static final String TOO_MANY_STREAMS = """
            {"type": "https://homeward.org/problems/service-unavailable", "title": "The service is unavailable",
             "status": 503, "detail": "Too many open streams; retry later",
             "instance": "/api/v1/notifications/stream"}""";
    static final String ACKED = """
            {"id": "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "sequence": 42, "organisationWide": true,
             "caseId": "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c", "eventId": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
             "type": "TRANSFER_REQUESTED", "category": "NORTH_KOREAN_POW", "status": "APPLIED",
             "fromState": "IN_CUSTODY", "toState": "TRANSFER_PENDING", "urgency": "CRITICAL",
             "alerts": ["FORCED_REPATRIATION_RISK"], "occurredAt": "2026-02-01T09:00:00Z",
             "receivedAt": "2026-02-01T09:05:00Z", "createdAt": "2026-02-01T09:05:01Z",
             "ackedAt": "2026-02-01T10:12:00Z",
             "caseUrl": "https://cases.homeward.example/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c"}""";

    @Inject
    CurrentAdvocate advocates;

    @Inject
    Feed feed;

    @Inject
    FeedHub hub;

    @Inject
    JsonWebToken token;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listNotifications", summary = "The calling advocate's feed, newest first",
            description = "Notifications of the advocate's FEED subscriptions (webhook and e-mail notifications are "
                    + "under /api/v1/deliveries), and the critical alerts of their organisation (organisationWide: "
                    + "true): every critical transition (urgency CRITICAL, or a forced-repatriation-risk or "
                    + "life-after-death alert) of a case the organisation may see reaches every advocate of it, "
                    + "subscribed or not, once: an advocate with their own notification of the transition sees only "
                    + "that. Filter by case, minimum urgency (LOW < NORMAL < HIGH < CRITICAL), category, "
                    + "acknowledgement, subscription and organisationWide; paged, size at most 100.")
    @APIResponse(responseCode = "200", description = "A page of notifications", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, maxItems = 100,
                            implementation = NotificationView.class),
                    @SchemaProperty(name = "page", type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "2147483647"),
                    @SchemaProperty(name = "size", type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "100"),
                    @SchemaProperty(name = "total", type = SchemaType.INTEGER, format = "int64", minimum = "0",
                            maximum = "9223372036854775807", description = "Items across all pages")}),
            examples = @ExampleObject(name = "page", value = "{\"items\": [" + EXAMPLE
                    + "], \"page\": 0, \"size\": 20, \"total\": 1}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "422", description = "An invalid filter or page, named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_FILTER)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public Page<NotificationView> list(
            @Parameter(description = "Only this case's notifications", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN,
                    examples = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c")) @QueryParam("caseId") String caseId,
            @Parameter(description = "Only notifications at least this urgent",
                    schema = @Schema(implementation = Urgency.class)) @QueryParam("minUrgency") String minUrgency,
            @Parameter(description = "Only notifications of a case of this category",
                    schema = @Schema(implementation = Category.class)) @QueryParam("category") String category,
            @Parameter(description = "true: only acknowledged; false: only unacknowledged",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("acked") String acked,
            @Parameter(description = "Only this subscription's notifications", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN,
                    examples = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f"))
            @QueryParam("subscriptionId") String subscriptionId,
            @Parameter(description = "true: only the organisation's critical alerts; false: only the advocate's own "
                    + "notifications", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("organisationWide") String organisationWide,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "0", maximum = "2147483647", defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Items a page, 1 to 100 (default 20)", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") Integer size) {
        Advocate advocate = advocates.require();
        PageRequest request = PageRequest.of(page, size);
        FeedQuery query = new FeedQuery(Params.uuid("caseId", caseId),
                Params.enumValue("minUrgency", minUrgency, Urgency.class),
                Params.enumValue("category", category, Category.class), bool("acked", acked),
                Params.uuid("subscriptionId", subscriptionId), bool("organisationWide", organisationWide));
        return feed.list(advocate, query, request);
    }

    @POST
    @Path("/{id}/ack")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ackNotification", summary = "Acknowledge a notification",
            description = "Marks one of the advocate's feed notifications as seen and handled. Acknowledging again "
                    + "changes nothing (the first time stays). An organisation's critical alert is acknowledged for "
                    + "the calling advocate only; the organisation's other advocates still have it unacknowledged.")
    @APIResponse(responseCode = "200", description = "The acknowledged notification",
            content = @Content(schema = @Schema(implementation = NotificationView.class),
                    examples = @ExampleObject(name = "critical-alert", value = ACKED)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such notification in this advocate's feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = NOT_FOUND)))
    @APIResponse(responseCode = "422", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_ID)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public NotificationView ack(@Parameter(description = "The notification id", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN,
                    examples = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"))
            @PathParam("id") String id) {
        Advocate advocate = advocates.require();
        return feed.ack(advocate, Params.pathUuid("id", id));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamNotifications", summary = "The live feed (Server-Sent Events)",
            description = "Stays open and sends each new notification of the advocate's FEED subscriptions, and each "
                    + "new critical alert of their organisation, as it is committed (a transition once): `id:` is its sequence, `data:` the notification as JSON (the list's item shape). "
                    + "A comment `: connected` comes first and `: keep-alive` every 15 s. Send `Last-Event-ID` (a "
                    + "browser's EventSource does so when it reconnects) to receive first what came after that "
                    + "sequence (at most 100). The stream ends when the bearer token expires (at its `exp`): "
                    + "reconnect with a current token and `Last-Event-ID`.")
    @APIResponse(responseCode = "200", description = "An event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "stream",
                    value = ": connected\nretry: 3000\n\nid: 42\ndata: " + "{\"id\": \"3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\", "
                            + "\"sequence\": 42, \"type\": \"TRANSFERRED\", \"urgency\": \"HIGH\", ...}\n\n")))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "422", description = "Last-Event-ID is not a sequence number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_LAST_EVENT_ID)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "Too many open streams on this replica, or the database did "
            + "not answer in time; retry later", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = {
                    @ExampleObject(name = "service-unavailable", value = TOO_MANY_STREAMS),
                    @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)}))
    public void stream(@Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID",
                    description = "Resume after this sequence", schema = @Schema(type = SchemaType.STRING,
                    maxLength = 19, pattern = "^[0-9]{1,19}$", examples = "42")) @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        Advocate advocate = advocates.require();
        // The stream ends when this token expires; the client reconnects with a current one.
        hub.open(advocate, sequence(lastEventId), sink, sse, Instant.ofEpochSecond(token.getExpirationTime()));
    }

    private static Long sequence(String value) {
        if (value == null || value.isBlank() && Texts.isClean(value)) {
            return null;
        }
        Params.clean("Last-Event-ID", value);
        try {
            long seq = Long.parseLong(value.trim());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("Last-Event-ID", "must be a sequence number from an earlier event");
        }
    }

    private static Boolean bool(String name, String value) {
        if (value == null || value.isBlank() && Texts.isClean(value)) {
            return null;
        }
        Params.clean(name, value);
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                throw ProblemException.invalid(name, "must be true or false");
        }
    }
}
