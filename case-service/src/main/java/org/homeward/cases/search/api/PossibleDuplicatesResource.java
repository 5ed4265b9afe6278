package org.homeward.cases.search.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.lifecycle.api.CaseViews;
import org.homeward.cases.search.domain.CaseSearch;
import org.homeward.cases.search.domain.Cursor;
import org.homeward.cases.search.domain.Slice;
import org.homeward.cases.search.persistence.NameIndex;
import org.homeward.support.problem.Problem;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;

/** Cases that may be the same person as another. */
@Path("/api/v1/cases/{caseId}/possible-duplicates")
@Tag(name = "Cases", description = "The record of each person's case")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CASEWORKER)
public class PossibleDuplicatesResource {

    @Inject
    CaseSearch search;

    @Inject
    CaseViews views;

    @Inject
    CurrentCaller caller;

    static final String ENDPOINT = "GET /api/v1/cases/{caseId}/possible-duplicates";

    @GET
    @Operation(summary = "Cases that may be the same person as this one",
            description = "Other cases with the same full name in any spelling (Hangul or any romanisation; "
                    + "docs/search.md) whose birth year is at most one year apart, or unknown on either side. Two "
                    + "organisations often report the same person; merging is a caseworker's decision, so nothing is "
                    + "merged automatically. A case opened while such cases exist announces a POSSIBLE_DUPLICATE "
                    + "alert. Only cases the caller's organisation may see are listed (the alert counts all). A case the "
                    + "caller may not see answers 404, as one that does not exist. Each case listed is recorded in the "
                    + "audit log. Oldest first; paged by cursor like the case list: pass a page's `next` as `after`. "
                    + "`size` 1 to 100 (default 20); `page` (from 0) skips at most " + Slice.MAX_SKIPPED
                    + " cases.")
    @APIResponse(responseCode = "200", description = "A page of cases", content = @Content(
            schema = @Schema(implementation = CasePage.class),
            examples = @ExampleObject(name = "one-duplicate", value = """
                    {"items": [{"caseId": "8c3a3ad4-2f4e-4f59-9b59-3fcd3a8f4c1e", "category": "SOUTH_KOREAN_POW",
                      "state": "REPORTED", "person": {"romanizedNames": ["Kim Kwang-won"], "birthYear": 1930},
                      "version": 0, "conflicts": [], "possibleDuplicates": 1,
                      "openedAt": "2026-11-30T04:25:52.101Z", "updatedAt": "2026-11-30T04:25:52.101Z"}],
                     "page": 0, "size": 20, "total": 1, "totalExact": true}""")))
    @APIResponse(responseCode = "400", description = "`after` is not a cursor this list returned (named in `errors`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "`page` or `size` out of range, `page` beyond "
            + Slice.MAX_SKIPPED + " cases or with `after`, named in `errors`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CasePage possibleDuplicates(
            @Parameter(description = "The case id") @PathParam("caseId") UUID caseId,
            @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Pages to skip, from 0 (at most " + Slice.MAX_SKIPPED + " cases; prefer `after`)")
            @QueryParam("page") Integer page,
            @Parameter(description = "Cases per page, 1 to 100") @QueryParam("size") Integer size) {
        Slice slice = Slice.of(page, size, after, Cursor.DUPLICATES);
        Reader reader = Reader.of(caller.require(), ENDPOINT);
        NameIndex.Hits hits = search.possibleDuplicates(caseId, slice, reader.organisation());
        return CasePage.of(views.page(hits, slice.request(), reader), hits);
    }
}
