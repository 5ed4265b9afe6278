package org.homeward.cases.lifecycle.api;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.cases.lifecycle.persistence.TimelineEntry;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;

/** A person's case and its timeline. */
@Path("/api/v1/cases/{caseId}")
@Tag(name = "Cases", description = "The record of each person's case")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    @Inject
    EntityManager em;

    @GET
    @Operation(summary = "A case: state, category, person, version and conflicts")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseView get(@PathParam("caseId") UUID caseId) {
        return CaseView.of(find(caseId));
    }

    @GET
    @Path("/timeline")
    @Operation(summary = "A case's timeline: every event, applied or rejected, in arrival order")
    @APIResponse(responseCode = "200", description = "A page of timeline entries")
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TimelineEntryView> timeline(@PathParam("caseId") UUID caseId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        find(caseId);
        List<TimelineEntryView> items = em.createQuery(
                        "from TimelineEntry where caseId = :caseId order by seq", TimelineEntry.class)
                .setParameter("caseId", caseId)
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, request.offset()))
                .setMaxResults(request.size())
                .getResultStream().map(TimelineEntryView::of).toList();
        long total = em.createQuery("select count(*) from TimelineEntry where caseId = :caseId", Long.class)
                .setParameter("caseId", caseId).getSingleResult();
        return new Page<>(items, request.page(), request.size(), total);
    }

    private CaseRecord find(UUID caseId) {
        CaseRecord record = em.find(CaseRecord.class, caseId);
        if (record == null) {
            throw ProblemException.notFound("Case " + caseId);
        }
        return record;
    }
}
