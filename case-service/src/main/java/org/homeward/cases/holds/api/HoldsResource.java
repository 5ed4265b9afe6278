package org.homeward.cases.holds.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.holds.domain.CaseHolds;
import org.homeward.cases.holds.domain.HoldRelease;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Operations on cases on hold, for admins: which cases wait and why, and their release after a fix. A hold shows
 * ids, types, times and the reason (exception classes and SQL state), never personal data.
 */
@Path("/api/v1/operations/holds")
@Tag(name = "Operations", description = "Cases on hold: an event that could not be applied stops the case, not the "
        + "service")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class HoldsResource {


    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/operations/holds"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/operations/holds"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/operations/holds"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/operations/holds"}""";
    static final String NOT_ON_HOLD = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "no case on hold with this id was not found",
             "instance": "/api/v1/operations/holds/40d1a708-4b00-4d6a-873b-9753ac67ce37/release"}""";
    static final String STILL_HELD = """
            {"type": "https://homeward.org/problems/conflict",
             "title": "The resource is not in a state that allows this", "status": 409,
             "detail": "The case stays on hold: a held event still cannot be applied (PSQLException 23514); 2 held \
            events before it were applied", "instance": "/api/v1/operations/holds/40d1a708-4b00-4d6a-873b-9753ac67ce37/release"}""";
    static final String HOLD = """
            {"caseId": "40d1a708-4b00-4d6a-873b-9753ac67ce37", "eventId": "5d4d18a8-4147-4ade-83ae-b059e758010a",
             "eventType": "org.homeward.case.captured.v1", "reason": "PSQLException 23514 at CaseLedger.apply",
             "heldAt": "2026-11-30T08:12:03.118Z", "heldEvents": 3, "releaseAttempts": 0}""";
    static final String RELEASED = """
            {"caseId": "40d1a708-4b00-4d6a-873b-9753ac67ce37", "applied": 3, "released": true}""";

    @Inject
    CaseHolds holds;

    @Inject
    HoldRelease release;

    @Inject
    CurrentCaller caller;

    /** A case on hold. */
    @Schema(name = "Hold")
    public record HoldView(UUID caseId,
            @Schema(description = "The event that could not be applied") UUID eventId,
            @Schema(description = "Its CloudEvents type, as it arrived") String eventType,
            @Schema(description = "Why it could not be applied: exception classes and SQL state, or an unknown type")
            String reason,
            Instant heldAt,
            @Schema(description = "Events waiting, this one included, in the order they arrived") long heldEvents,
            int releaseAttempts, Instant lastAttemptAt) {

        static HoldView of(CaseHolds.Hold hold) {
            return new HoldView(hold.caseId(), hold.eventId(), hold.eventType(), hold.reason(), hold.heldAt(),
                    hold.heldEvents(), hold.releaseAttempts(), hold.lastAttemptAt());
        }
    }

    /** What a release did. */
    @Schema(name = "Release")
    public record ReleaseView(UUID caseId, @Schema(description = "Held events applied by this release") int applied,
            @Schema(description = "True when the case is no longer on hold") boolean released) {
    }

    @GET
    @Operation(operationId = "listHolds", summary = "Cases on hold that the caller's organisation may see",
            description = "A case goes on hold when one of its events cannot be applied for good (a fault that "
                    + "retrying does not mend, or an event type this version does not know). Its later events wait, "
                    + "in order; every other case goes on. Oldest first.")
    @APIResponse(responseCode = "200", description = "The holds", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = HoldView.class), examples = @ExampleObject(name = "one-hold", value = "[" + HOLD + "]")))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public List<HoldView> list() {
        return holds.visibleTo(caller.require().organisation()).stream().map(HoldView::of).toList();
    }

    @GET
    @Path("/{caseId}")
    @Operation(operationId = "getHold", summary = "One case on hold")
    @APIResponse(responseCode = "200", description = "The hold", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldView.class),
            examples = @ExampleObject(name = "hold", value = HOLD)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "The case is not on hold, or the caller may not see it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = NOT_ON_HOLD)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public HoldView one(@Parameter(description = "The case id") @PathParam("caseId") UUID caseId) {
        return holds.find(caseId, caller.require().organisation()).map(HoldView::of)
                .orElseThrow(() -> ProblemException.notFound("no case on hold with this id"));
    }

    @POST
    @Path("/{caseId}/release")
    @Operation(operationId = "releaseHold", summary = "Release a case on hold after a fix: apply its held events in order",
            description = "Applies the held events one by one, in the order they arrived; each announces its own "
                    + "transition. If one still cannot be applied, the release stops there: the answer is 409 with "
                    + "the reason, and the case stays on hold with the events behind it waiting. Safe to repeat.")
    @APIResponse(responseCode = "200", description = "Every held event was applied; the case is free",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReleaseView.class),
                    examples = @ExampleObject(name = "released", value = RELEASED)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "The case is not on hold, or the caller may not see it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = NOT_ON_HOLD)))
    @APIResponse(responseCode = "409", description = "A held event still cannot be applied; the case stays on hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "conflict", value = STILL_HELD)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public ReleaseView release(@Parameter(description = "The case id") @PathParam("caseId") UUID id) {
        HoldRelease.Released released = release.release(id, caller.require().organisation())
                .orElseThrow(() -> ProblemException.notFound("no case on hold with this id"));
        if (!released.free()) {
            throw ProblemException.of(ProblemType.CONFLICT, "The case stays on hold: a held event still cannot be "
                    + "applied (" + released.stillHeldBecause() + "); " + released.applied()
                    + " held events before it were applied");
        }
        return new ReleaseView(id, released.applied(), true);
    }
}
