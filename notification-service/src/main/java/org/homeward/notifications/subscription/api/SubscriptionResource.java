package org.homeward.notifications.subscription.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.advocate.CurrentAdvocate;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.notifications.subscription.domain.SubscriptionParser;
import org.homeward.notifications.subscription.domain.Subscriptions;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.Params;
import org.homeward.support.problem.Problem;
import org.homeward.support.identity.Roles;

/** An advocate's subscriptions: what they want to hear about, and how. */
@Path("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "What an advocate wants to hear about, and through which channel")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADVOCATE)
public class SubscriptionResource {

    static final String PROBLEM_400 = "Malformed JSON";

    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UUID_PATTERN = SubscriptionView.UUID_PATTERN;
    static final String ID = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f";
    static final String MALFORMED = """
            {"type": "https://homeward.org/problems/malformed-json", "title": "The body is not well-formed JSON",
             "status": 400, "detail": "The body must be a JSON object", "instance": "/api/v1/subscriptions"}""";
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/subscriptions"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/subscriptions"}""";
    static final String NOT_FOUND = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Subscription 0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f was not found",
             "instance": "/api/v1/subscriptions/0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f"}""";
    static final String TOO_MANY = """
            {"type": "https://homeward.org/problems/conflict",
             "title": "The resource is not in a state that allows this", "status": 409,
             "detail": "An advocate may hold at most 100 subscriptions; delete one first",
             "instance": "/api/v1/subscriptions"}""";
    static final String INVALID_FIELDS = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/subscriptions",
             "errors": [{"pointer": "/target", "detail": "must be a public https URL"}]}""";
    static final String INVALID_PAGE = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/subscriptions",
             "errors": [{"pointer": "size", "detail": "must be between 1 and 100"}]}""";
    static final String INVALID_ID = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/subscriptions/42",
             "errors": [{"pointer": "id", "detail": "must be a UUID"}]}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/subscriptions"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/subscriptions"}""";
    static final String PAGE = """
            {"items": [{"id": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f", "channel": "FEED", "caseIds": [],
              "categories": ["NORTH_KOREAN_POW"], "eventTypes": [], "minUrgency": "LOW",
              "createdAt": "2026-02-01T09:00:00Z"}], "page": 0, "size": 20, "total": 1}""";
    static final String ONE = """
            {"id": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f", "channel": "EMAIL", "target": "advocate@example.org",
             "caseIds": ["6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c"], "categories": [], "eventTypes": [],
             "minUrgency": "LOW", "createdAt": "2026-02-01T09:00:00Z"}""";

    @Inject
    CurrentAdvocate advocates;

    @Inject
    SubscriptionParser parser;

    @Inject
    Subscriptions subscriptions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubscription", summary = "Subscribe",
            description = "Creates a subscription for the calling advocate. Channels: WEBHOOK (target: a public https "
                    + "URL; the answer carries the signing secret, shown this once), EMAIL (target: an address), FEED "
                    + "(no target; read GET /api/v1/notifications and its live stream). Filters: caseIds, categories, "
                    + "eventTypes (empty: any) and minUrgency (default NORMAL). Critical alerts (forced-repatriation "
                    + "risk, life after death) pass the event-type and urgency filters. Only transitions taken after "
                    + "the subscription exists are notified.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            name = "NewSubscription", type = SchemaType.OBJECT, requiredProperties = "channel",
            description = "What to hear about and how. Fields not listed are refused (422, named by pointer).",
            properties = {
                    @SchemaProperty(name = "channel", implementation = Channel.class),
                    @SchemaProperty(name = "target", type = SchemaType.STRING, maxLength = 2048,
                            description = "WEBHOOK: a public https URL; EMAIL: an address (at most 254 "
                                    + "characters); FEED: none"),
                    @SchemaProperty(name = "caseIds", type = SchemaType.ARRAY, maxItems = 100,
                            implementation = SubscriptionView.CaseIdSchema.class,
                            description = "Only these cases (at most 100); empty or absent: any case"),
                    @SchemaProperty(name = "categories", type = SchemaType.ARRAY, maxItems = 6,
                            implementation = Category.class, description = "Only these categories; empty: any"),
                    @SchemaProperty(name = "eventTypes", type = SchemaType.ARRAY, maxItems = 17,
                            implementation = EventType.class, description = "Only these event types; empty: any"),
                    @SchemaProperty(name = "minUrgency", implementation = Urgency.class,
                            description = "Only transitions at least this urgent (default NORMAL)")}),
            examples = {
            @ExampleObject(name = "webhook", summary = "High-urgency alerts for North Korean POWs, to a webhook",
                    value = """
                            {"channel": "WEBHOOK", "target": "https://alerts.example.org/homeward",
                             "categories": ["NORTH_KOREAN_POW"], "minUrgency": "HIGH"}"""),
            @ExampleObject(name = "email", summary = "Everything about one case, by e-mail", value = """
                    {"channel": "EMAIL", "target": "advocate@example.org",
                     "caseIds": ["6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c"], "minUrgency": "LOW"}"""),
            @ExampleObject(name = "feed", summary = "Intent and transfers, in the in-app feed", value = """
                    {"channel": "FEED", "eventTypes": ["DEFECTION_INTENT_STATED", "TRANSFER_REQUESTED", "TRANSFERRED"]}""")}))
    @APIResponse(responseCode = "201", description = "Created; Location names it. A webhook's secret is in the body.",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class), examples = @ExampleObject(
                    name = "webhook", value = """
                            {"id": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f", "channel": "WEBHOOK",
                             "target": "https://alerts.example.org/homeward", "caseIds": [],
                             "categories": ["NORTH_KOREAN_POW"], "eventTypes": [], "minUrgency": "HIGH",
                             "createdAt": "2026-02-01T09:00:00Z",
                             "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""")))
    @APIResponse(responseCode = "400", description = PROBLEM_400, content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "malformed-json", value = MALFORMED)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "409", description = "The advocate holds the maximum number of subscriptions",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "conflict", value = TOO_MANY)))
    @APIResponse(responseCode = "422", description = "Invalid fields, each named by JSON pointer (e.g. a webhook "
            + "target that is not a public https URL)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_FIELDS)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public Response create(JsonNode body, @Context UriInfo uri) {
        Advocate advocate = advocates.require();
        Subscriptions.Created created = subscriptions.create(advocate, parser.parse(body));
        return Response.created(uri.getAbsolutePathBuilder().path(created.subscription().id.toString()).build())
                .entity(SubscriptionView.of(created.subscription(), created.secret())).build();
    }

    @GET
    @Operation(operationId = "listSubscriptions", summary = "The calling advocate's subscriptions",
            description = "Newest first, paged (size at most 100). Secrets are never shown again.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, maxItems = 100,
                            implementation = SubscriptionView.class),
                    @SchemaProperty(name = "page", type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "2147483647"),
                    @SchemaProperty(name = "size", type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "100"),
                    @SchemaProperty(name = "total", type = SchemaType.INTEGER, format = "int64", minimum = "0",
                            maximum = "9223372036854775807", description = "Items across all pages")}),
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "422", description = "An invalid page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_PAGE)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public Page<SubscriptionView> list(@Parameter(description = "Page number from 0", schema = @Schema(
                    type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "2147483647",
                    defaultValue = "0")) @QueryParam("page") Integer page,
            @Parameter(description = "Items a page, 1 to 100 (default 20)", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") Integer size) {
        Advocate advocate = advocates.require();
        PageRequest request = PageRequest.of(page, size);
        Page<org.homeward.notifications.subscription.persistence.Subscription> found =
                subscriptions.list(advocate, request);
        return new Page<>(found.items().stream().map(s -> SubscriptionView.of(s, null)).toList(), found.page(),
                found.size(), found.total());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubscription", summary = "One of the calling advocate's subscriptions",
            description = "Another advocate's subscription answers 404, like one that does not exist.")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(
            schema = @Schema(implementation = SubscriptionView.class),
            examples = @ExampleObject(name = "email", value = ONE)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such subscription of this advocate",
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
    public SubscriptionView get(@Parameter(description = "The subscription id", schema = @Schema(type = SchemaType.STRING,
            format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN, examples = ID))
            @PathParam("id") String id) {
        Advocate advocate = advocates.require();
        return SubscriptionView.of(subscriptions.get(advocate, requireId(id)), null);
    }

    @DELETE
    @Path("/{id}")
    // 204 has no body, so a client that accepts only the problem type of its errors (as clients generated from the
    // OpenAPI document do) must not get 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteSubscription", summary = "Unsubscribe",
            description = "Ends the subscription: no new notifications; its pending deliveries are cancelled. Its "
                    + "notifications and delivery history stay readable.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such subscription of this advocate",
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
    public Response delete(@Parameter(description = "The subscription id", schema = @Schema(type = SchemaType.STRING,
            format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN, examples = ID))
            @PathParam("id") String id) {
        Advocate advocate = advocates.require();
        subscriptions.delete(advocate, requireId(id));
        return Response.noContent().build();
    }

    static UUID requireId(String id) {
        return Params.pathUuid("id", id);
    }
}
