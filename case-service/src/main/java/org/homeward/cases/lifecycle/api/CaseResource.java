package org.homeward.cases.lifecycle.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.lifecycle.persistence.TimelineEntry;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.identity.Roles;

/** A person's case and its timeline. */
@Path("/api/v1/cases/{caseId}")
@Tag(name = "Cases", description = "The record of each person's case")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CASEWORKER)
public class CaseResource {

    static final String CASE_EXAMPLE = """
            {"caseId": "40d1a708-4b00-4d6a-873b-9753ac67ce37", "category": "NORTH_KOREAN_POW", "state": "TRANSFERRED",
             "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000, "sex": "MALE"},
             "hangulNameRomanized": {"revised": "Ri Gwangcheol", "mccuneReischauer": "Ri Kwangch'ŏl"},
             "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09", "ownerOrganisation": "defector-org",
             "version": 4, "conflicts": [], "possibleDuplicates": 0,
             "openedAt": "2026-11-30T04:25:52.101Z", "updatedAt": "2026-11-30T04:25:53.876Z"}""";

    @Inject
    EntityManager em;

    @Inject
    CaseViews views;

    @GET
    @Operation(summary = "A case: state, category, person, version, conflicts and possible duplicates",
            description = "The case as it stands after every event it took. `version` counts the events; `conflicts` "
                    + "lists the critical alerts (forced-repatriation risk, life after death) that events raised; "
                    + "`possibleDuplicates` counts other cases that may be the same person. A case opened a moment "
                    + "ago through intake may answer 404 until the case service has taken its event.")
    @APIResponse(responseCode = "200", description = "The case", content = @Content(
            schema = @Schema(implementation = CaseView.class),
            examples = @ExampleObject(name = "transferred", value = CASE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseView get(@Parameter(description = "The case id") @PathParam("caseId") UUID caseId) {
        return views.one(caseId);
    }

    @GET
    @Path("/timeline")
    @Operation(summary = "A case's timeline: every event, applied or rejected, in arrival order",
            description = "Each entry says what the case service did with the event (APPLIED with fromState and "
                    + "toState, or REJECTED with the reason), the alerts it raised, and carries the event's own fields. "
                    + "Paged: `page` from 0, `size` 1 to 100 (default 20).")
    @APIResponse(responseCode = "200", description = "A page of timeline entries", content = @Content(
            examples = @ExampleObject(name = "captured", value = """
                    {"items": [{"eventId": "5d4d18a8-4147-4ade-83ae-b059e758010a", "type": "CAPTURED",
                      "occurredAt": "2025-01-09T06:00:00Z", "receivedAt": "2026-11-30T04:25:51.895Z",
                      "recordedAt": "2026-11-30T04:25:52.310Z", "reportedBy": "defector-org", "status": "APPLIED",
                      "fromState": "REPORTED", "toState": "IN_CUSTODY", "alerts": [], "urgency": "HIGH",
                      "heldBy": "Ukraine", "location": "Kursk front"}], "page": 0, "size": 20, "total": 1}""")))
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "`page` or `size` out of range, named in `errors`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TimelineEntryView> timeline(@Parameter(description = "The case id") @PathParam("caseId") UUID caseId,
            @Parameter(description = "Page number, from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Entries per page, 1 to 100") @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        if (!views.exists(caseId)) {
            throw ProblemException.notFound("Case " + caseId);
        }
        List<TimelineEntryView> items = em.createQuery(
                        "from TimelineEntry where caseId = :caseId order by seq", TimelineEntry.class)
                .setParameter("caseId", caseId)
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, request.offset()))
                .setMaxResults(request.size())
                .getResultStream().map(views::entry).toList();
        long total = em.createQuery("select count(*) from TimelineEntry where caseId = :caseId", Long.class)
                .setParameter("caseId", caseId).getSingleResult();
        return new Page<>(items, request.page(), request.size(), total);
    }
}
