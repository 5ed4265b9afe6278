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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Operation(summary = "Cases on hold that the caller's organisation may see",
            description = "A case goes on hold when one of its events cannot be applied for good (a fault that "
                    + "retrying does not mend, or an event type this version does not know). Its later events wait, "
                    + "in order; every other case goes on. Oldest first.")
    @APIResponse(responseCode = "200", description = "The holds")
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<HoldView> list() {
        return holds.visibleTo(caller.require().organisation()).stream().map(HoldView::of).toList();
    }

    @GET
    @Path("/{caseId}")
    @Operation(summary = "One case on hold")
    @APIResponse(responseCode = "200", description = "The hold")
    @APIResponse(responseCode = "404", description = "The case is not on hold, or the caller may not see it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HoldView one(@PathParam("caseId") UUID caseId) {
        return holds.find(caseId, caller.require().organisation()).map(HoldView::of)
                .orElseThrow(() -> ProblemException.notFound("no case on hold with this id"));
    }

    @POST
    @Path("/{caseId}/release")
    @Operation(summary = "Release a case on hold after a fix: apply its held events in order",
            description = "Applies the held events one by one, in the order they arrived; each announces its own "
                    + "transition. If one still cannot be applied, the release stops there: the answer is 409 with "
                    + "the reason, and the case stays on hold with the events behind it waiting. Safe to repeat.")
    @APIResponse(responseCode = "200", description = "Every held event was applied; the case is free")
    @APIResponse(responseCode = "404", description = "The case is not on hold, or the caller may not see it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A held event still cannot be applied; the case stays on hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReleaseView release(@PathParam("caseId") UUID id) {
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
