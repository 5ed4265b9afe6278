package org.homeward.cases.search.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.support.problem.Params;
import org.homeward.support.problem.Problem;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;

/** Finding cases by name (any spelling), category and state. */
@Path("/api/v1/cases")
@Tag(name = "Cases", description = "The record of each person's case")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CASEWORKER)
public class CaseSearchResource {

    @Inject
    CaseSearch search;

    @Inject
    CaseViews views;

    @Inject
    CurrentCaller caller;

    static final String ENDPOINT = "GET /api/v1/cases";

    @GET
    @Operation(summary = "Search cases by name, category and state",
            description = "`q` is a person's name, in Hangul or any romanisation: Revised Romanization, "
                    + "McCune–Reischauer or a common spelling, in any order, spacing, hyphenation or case. "
                    + "\"Kim Kwang-won\", \"Gim Gwangwon\", \"kim gwang won\", \"Kwang-won Kim\" and \"김광원\" all find "
                    + "the same person; \"Lee\", \"Yi\", \"Rhee\", \"I\" and \"리\" are one surname. A query of two or "
                    + "more words is a full name; a single word finds by surname, given name, or a full name written "
                    + "without spaces. Full-name matches come first, then the newest case. Without `q`, every case "
                    + "matching the filters, newest first. Matching rules: docs/search.md. Only cases the caller's "
                    + "organisation may see (it owns them or they were shared with it) are found and counted; each "
                    + "case shown is recorded in the audit log (the query text never is). Paged by cursor: each "
                    + "page's `next` (absent on the last page) is passed as `after` for the following one; a deep "
                    + "page costs what the first does, and cases opened meanwhile neither shift nor repeat later "
                    + "pages. `size` 1 to 100 (default 20). `page` (from 0) still skips pages, at most "
                    + Slice.MAX_SKIPPED + " cases (page × size), and not together with `after`. `total` counts the "
                    + "matches: exact for a list without `q`; a search counts among the first "
                    + NameIndex.COUNT_LIMIT + " cases with the name's keys (beyond, `totalExact` is false and "
                    + "`total` a lower bound).")
    @APIResponse(responseCode = "200", description = "A page of cases", content = @Content(
            schema = @Schema(implementation = CasePage.class),
            examples = @ExampleObject(name = "kim-kwang-won", value = """
                    {"items": [{"caseId": "8c3a3ad4-2f4e-4f59-9b59-3fcd3a8f4c1e", "category": "SOUTH_KOREAN_POW",
                      "state": "REPORTED", "person": {"hangulName": "김광원", "birthYear": 1931},
                      "hangulNameRomanized": {"revised": "Gim Gwangwon", "mccuneReischauer": "Kim Kwangwŏn"},
                      "version": 0, "conflicts": [], "possibleDuplicates": 0,
                      "openedAt": "2026-11-30T04:25:52.101Z", "updatedAt": "2026-11-30T04:25:52.101Z"}],
                     "page": 0, "size": 1, "total": 2, "totalExact": true,
                     "next": "djEuUy4wLjE3OTYwMTI3NTIxMDEwMDAuOGMzYTNhZDQtMmY0ZS00ZjU5LTliNTktM2ZjZDNhOGY0YzFl"}""")))
    @APIResponse(responseCode = "400", description = "`after` is not a cursor this list returned (named in `errors`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A parameter is not valid (named in `errors`): `q` too long "
            + "or without letters, an unknown `category` or `state`, `page` or `size` out of range, `page` beyond "
            + Slice.MAX_SKIPPED + " cases or with `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CasePage search(
            @Parameter(description = "A name in Hangul or any romanisation (at most 200 characters)",
                    example = "Kim Kwang-won") @QueryParam("q") String q,
            @Parameter(description = "Only cases of this category",
                    schema = @Schema(type = SchemaType.STRING, implementation = Category.class))
            @QueryParam("category") String category,
            @Parameter(description = "Only cases in this state",
                    schema = @Schema(type = SchemaType.STRING, implementation = CaseState.class))
            @QueryParam("state") String state,
            @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Pages to skip, from 0 (at most " + Slice.MAX_SKIPPED + " cases; prefer `after`)")
            @QueryParam("page") Integer page,
            @Parameter(description = "Cases per page, 1 to 100") @QueryParam("size") Integer size) {
        Category only = Params.enumValue("category", category, Category.class);
        CaseState in = Params.enumValue("state", state, CaseState.class);
        Slice slice = Slice.of(page, size, after, q == null || q.isBlank() ? Cursor.LIST : Cursor.SEARCH);
        Reader reader = Reader.of(caller.require(), ENDPOINT);
        NameIndex.Hits hits = search.find(q, only, in, slice, reader.organisation());
        return CasePage.of(views.page(hits, slice.request(), reader), hits);
    }
}
