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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.advocate.CurrentAdvocate;
import org.homeward.notifications.delivery.domain.Deliveries;
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

    @Inject
    CurrentAdvocate advocates;

    @Inject
    Deliveries deliveries;

    @GET
    @Operation(summary = "The calling advocate's deliveries, newest first",
            description = "Every webhook and e-mail delivery of the advocate's subscriptions with each attempt "
                    + "(time, duration, HTTP status, outcome, next try). Filter by status (PENDING, DELIVERED, DEAD, "
                    + "CANCELLED) and subscription; paged, size at most 100.")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(
            examples = @ExampleObject(name = "page", value = "{\"items\": [" + EXAMPLE
                    + "], \"page\": 0, \"size\": 20, \"total\": 1}")))
    @APIResponse(responseCode = "422", description = "An invalid filter or page, named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeliveryView> list(
            @Parameter(description = "Only deliveries in this state",
                    schema = @Schema(implementation = Deliveries.Status.class)) @QueryParam("status") String status,
            @Parameter(description = "Only this subscription's deliveries")
            @QueryParam("subscriptionId") String subscriptionId,
            @Parameter(description = "Page number from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Items a page, 1 to 100 (default 20)") @QueryParam("size") Integer size) {
        Advocate advocate = advocates.require();
        PageRequest request = PageRequest.of(page, size);
        return deliveries.list(advocate, Params.enumValue("status", status, Deliveries.Status.class),
                Params.uuid("subscriptionId", subscriptionId), request);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Replay a dead delivery",
            description = "Puts a DEAD delivery back to PENDING for a fresh series of attempts on the documented "
                    + "schedule, starting now. The webhook keeps its webhook-id and the e-mail its Message-ID, so a "
                    + "receiver that did get it recognises the duplicate. Attempts so far stay in its history.")
    @APIResponse(responseCode = "202", description = "Scheduled; the delivery as it is now",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery of this advocate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The delivery is not DEAD",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retry(@Parameter(description = "The delivery id") @PathParam("id") String id) {
        Advocate advocate = advocates.require();
        return Response.accepted(deliveries.replay(advocate, Params.uuid("id", id))).build();
    }
}
