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
import org.homeward.cases.lifecycle.api.CaseView;
import org.homeward.cases.lifecycle.api.CaseViews;
import org.homeward.cases.search.domain.CaseSearch;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
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
                    + "case shown is recorded in the audit log (the query text never is). Paged: `page` from 0, "
                    + "`size` 1 to 100 (default 20).")
    @APIResponse(responseCode = "200", description = "A page of cases", content = @Content(
            examples = @ExampleObject(name = "kim-kwang-won", value = """
                    {"items": [{"caseId": "8c3a3ad4-2f4e-4f59-9b59-3fcd3a8f4c1e", "category": "SOUTH_KOREAN_POW",
                      "state": "REPORTED", "person": {"hangulName": "김광원", "birthYear": 1931},
                      "hangulNameRomanized": {"revised": "Gim Gwangwon", "mccuneReischauer": "Kim Kwangwŏn"},
                      "version": 0, "conflicts": [], "possibleDuplicates": 0,
                      "openedAt": "2026-11-30T04:25:52.101Z", "updatedAt": "2026-11-30T04:25:52.101Z"}],
                     "page": 0, "size": 20, "total": 1}""")))
    @APIResponse(responseCode = "422", description = "A parameter is not valid (named in `errors`): `q` too long "
            + "or without letters, an unknown `category` or `state`, `page` or `size` out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<CaseView> search(
            @Parameter(description = "A name in Hangul or any romanisation (at most 200 characters)",
                    example = "Kim Kwang-won") @QueryParam("q") String q,
            @Parameter(description = "Only cases of this category",
                    schema = @Schema(type = SchemaType.STRING, implementation = Category.class))
            @QueryParam("category") String category,
            @Parameter(description = "Only cases in this state",
                    schema = @Schema(type = SchemaType.STRING, implementation = CaseState.class))
            @QueryParam("state") String state,
            @Parameter(description = "Page number, from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Cases per page, 1 to 100") @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        Reader reader = Reader.of(caller.require(), ENDPOINT);
        return views.page(search.find(q, Params.enumValue("category", category, Category.class),
                Params.enumValue("state", state, CaseState.class), request, reader.organisation()), request, reader);
    }
}
