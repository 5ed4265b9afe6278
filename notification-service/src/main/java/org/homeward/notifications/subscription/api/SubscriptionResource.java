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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.advocate.CurrentAdvocate;
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

    @Inject
    CurrentAdvocate advocates;

    @Inject
    SubscriptionParser parser;

    @Inject
    Subscriptions subscriptions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe",
            description = "Creates a subscription for the calling advocate. Channels: WEBHOOK (target: a public https "
                    + "URL; the answer carries the signing secret, shown this once), EMAIL (target: an address), FEED "
                    + "(no target; read GET /api/v1/notifications and its live stream). Filters: caseIds, categories, "
                    + "eventTypes (empty: any) and minUrgency (default NORMAL). Critical alerts (forced-repatriation "
                    + "risk, life after death) pass the event-type and urgency filters. Only transitions taken after "
                    + "the subscription exists are notified.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
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
    @APIResponse(responseCode = "400", description = PROBLEM_400,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The advocate holds the maximum number of subscriptions",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields, each named by JSON pointer (e.g. a webhook "
            + "target that is not a public https URL)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body, @Context UriInfo uri) {
        Advocate advocate = advocates.require();
        Subscriptions.Created created = subscriptions.create(advocate, parser.parse(body));
        return Response.created(uri.getAbsolutePathBuilder().path(created.subscription().id.toString()).build())
                .entity(SubscriptionView.of(created.subscription(), created.secret())).build();
    }

    @GET
    @Operation(summary = "The calling advocate's subscriptions",
            description = "Newest first, paged (size at most 100). Secrets are never shown again.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions")
    @APIResponse(responseCode = "422", description = "An invalid page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<SubscriptionView> list(@Parameter(description = "Page number from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Items a page, 1 to 100 (default 20)") @QueryParam("size") Integer size) {
        Advocate advocate = advocates.require();
        PageRequest request = PageRequest.of(page, size);
        Page<org.homeward.notifications.subscription.persistence.Subscription> found =
                subscriptions.list(advocate, request);
        return new Page<>(found.items().stream().map(s -> SubscriptionView.of(s, null)).toList(), found.page(),
                found.size(), found.total());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the calling advocate's subscriptions",
            description = "Another advocate's subscription answers 404, like one that does not exist.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of this advocate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionView get(@Parameter(description = "The subscription id") @PathParam("id") String id) {
        Advocate advocate = advocates.require();
        return SubscriptionView.of(subscriptions.get(advocate, requireId(id)), null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe",
            description = "Ends the subscription: no new notifications; its pending deliveries are cancelled. Its "
                    + "notifications and delivery history stay readable.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription of this advocate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(description = "The subscription id") @PathParam("id") String id) {
        Advocate advocate = advocates.require();
        subscriptions.delete(advocate, requireId(id));
        return Response.noContent().build();
    }

    static UUID requireId(String id) {
        return Params.uuid("id", id);
    }
}
