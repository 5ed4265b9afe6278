package org.homeward.notifications.delivery.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.advocate.CurrentAdvocate;
import org.homeward.notifications.delivery.domain.Deliveries;
import org.homeward.notifications.subscription.api.SubscriptionView;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.Params;
import org.homeward.support.problem.Problem;
import org.homeward.support.identity.Roles;

/** Webhook and e-mail deliveries of the calling advocate's subscriptions, with every attempt. */
@Path("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "Webhook and e-mail deliveries, every attempt, and replaying dead letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADVOCATE)
public class DeliveryResource {

    static final String EXAMPLE = """
            {"id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "notificationId": "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
             "subscriptionId": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f", "channel": "WEBHOOK",
             "caseId": "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c", "status": "PENDING",
             "nextAttemptAt": "2026-02-01T09:05:27Z", "createdAt": "2026-02-01T09:05:01Z", "lastError": "HTTP 503",
             "attempts": [
               {"attempt": 1, "startedAt": "2026-02-01T09:05:01Z", "durationMs": 84, "outcome": "RETRY",
                "statusCode": 503, "error": "HTTP 503", "nextAttemptAt": "2026-02-01T09:05:06Z"},
               {"attempt": 2, "startedAt": "2026-02-01T09:05:06Z", "durationMs": 10002, "outcome": "RETRY",
                "error": "timeout", "nextAttemptAt": "2026-02-01T09:05:27Z"}]}""";

    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UUID_PATTERN = SubscriptionView.UUID_PATTERN;
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/deliveries"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/deliveries"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/deliveries"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/deliveries"}""";
    static final String NOT_FOUND = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Delivery 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b was not found",
             "instance": "/api/v1/deliveries/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b/retry"}""";
    static final String NOT_DEAD = """
            {"type": "https://homeward.org/problems/conflict",
             "title": "The resource is not in a state that allows this", "status": 409,
             "detail": "Only a DEAD delivery can be replayed; this one is DELIVERED",
             "instance": "/api/v1/deliveries/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b/retry"}""";
    static final String INVALID_FILTER = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/deliveries",
             "errors": [{"pointer": "status", "detail": "must be one of PENDING, DELIVERED, DEAD, CANCELLED"}]}""";
    static final String INVALID_ID = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/deliveries/42/retry",
             "errors": [{"pointer": "id", "detail": "must be a UUID"}]}""";
    static final String REPLAYED = """
            {"id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "notificationId": "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
             "subscriptionId": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f", "channel": "EMAIL",
             "caseId": "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c", "status": "PENDING",
             "nextAttemptAt": "2026-02-03T08:00:00Z", "createdAt": "2026-02-01T09:05:01Z", "lastError": "timeout",
             "attempts": [{"attempt": 1, "startedAt": "2026-02-01T09:05:01Z", "durationMs": 15000,
               "outcome": "DEAD", "error": "timeout"}]}""";

    @Inject
    CurrentAdvocate advocates;

    @Inject
    Deliveries deliveries;

    @GET
    @Operation(operationId = "listDeliveries", summary = "The calling advocate's deliveries, newest first",
            description = "Every webhook and e-mail delivery of the advocate's subscriptions with each attempt "
                    + "(time, duration, HTTP status, outcome, next try). Filter by status (PENDING, DELIVERED, DEAD, "
                    + "CANCELLED) and subscription; paged, size at most 100.")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, maxItems = 100,
                            implementation = DeliveryView.class),
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
    public Page<DeliveryView> list(
            @Parameter(description = "Only deliveries in this state",
                    schema = @Schema(implementation = Deliveries.Status.class)) @QueryParam("status") String status,
            @Parameter(description = "Only this subscription's deliveries", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN,
                    examples = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f"))
            @QueryParam("subscriptionId") String subscriptionId,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "0", maximum = "2147483647", defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Items a page, 1 to 100 (default 20)", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("size") Integer size) {
        Advocate advocate = advocates.require();
        PageRequest request = PageRequest.of(page, size);
        return deliveries.list(advocate, Params.enumValue("status", status, Deliveries.Status.class),
                Params.uuid("subscriptionId", subscriptionId), request);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(operationId = "retryDelivery", summary = "Replay a dead delivery",
            description = "Puts a DEAD delivery back to PENDING for a fresh series of attempts on the documented "
                    + "schedule, starting now. The webhook keeps its webhook-id and the e-mail its Message-ID, so a "
                    + "receiver that did get it recognises the duplicate. Attempts so far stay in its history.")
    @APIResponse(responseCode = "202", description = "Scheduled; the delivery as it is now",
            content = @Content(schema = @Schema(implementation = DeliveryView.class),
                    examples = @ExampleObject(name = "replayed", value = REPLAYED)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token lacks the advocate role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such delivery of this advocate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The delivery is not DEAD",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "conflict", value = NOT_DEAD)))
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
    public Response retry(@Parameter(description = "The delivery id", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid", minLength = 36, maxLength = 36, pattern = UUID_PATTERN,
                    examples = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"))
            @PathParam("id") String id) {
        Advocate advocate = advocates.require();
        return Response.accepted(deliveries.replay(advocate, Params.pathUuid("id", id))).build();
    }
}
