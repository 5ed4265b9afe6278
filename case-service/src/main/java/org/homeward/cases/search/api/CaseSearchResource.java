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

    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/cases"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/cases"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/cases"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/cases"}""";
    static final String BAD_CURSOR = """
            {"type": "https://homeward.org/problems/bad-request", "title": "The request is not valid", "status": 400,
             "detail": "`after` is not a cursor of this list", "instance": "/api/v1/cases",
             "errors": [{"pointer": "after", "detail": "is not a cursor this API returned"}]}""";
    static final String INVALID_QUERY = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/cases",
             "errors": [{"pointer": "category", "detail": "must be one of SOUTH_KOREAN_POW, WAR_ABDUCTEE, POSTWAR_ABDUCTEE, DETAINEE, NORTH_KOREAN_POW, DEFECTOR"}]}""";

    @GET
    @Operation(operationId = "searchCases", summary = "Search cases by name, category and state",
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
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad-request", value = BAD_CURSOR)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `caseworker`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "422", description = "A parameter is not valid (named in `errors`): `q` too long "
            + "or without letters, an unknown `category` or `state`, `page` or `size` out of range, `page` beyond "
            + Slice.MAX_SKIPPED + " cases or with `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_QUERY)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public CasePage search(
            @Parameter(description = "A name in Hangul or any romanisation (at most 200 characters)",
                    example = "Kim Kwang-won", schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @QueryParam("q") String q,
            @Parameter(description = "Only cases of this category",
                    schema = @Schema(type = SchemaType.STRING, implementation = Category.class))
            @QueryParam("category") String category,
            @Parameter(description = "Only cases in this state",
                    schema = @Schema(type = SchemaType.STRING, implementation = CaseState.class))
            @QueryParam("state") String state,
            @Parameter(description = "The `next` of the previous page", schema = @Schema(type = SchemaType.STRING,
                    maxLength = 120, pattern = "^[A-Za-z0-9_-]+={0,2}$")) @QueryParam("after") String after,
            @Parameter(description = "Pages to skip, from 0 (at most " + Slice.MAX_SKIPPED + " cases; prefer `after`)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "1000", defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Cases per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") Integer size) {
        Params.clean("q", q);
        Category only = Params.enumValue("category", category, Category.class);
        CaseState in = Params.enumValue("state", state, CaseState.class);
        Slice slice = Slice.of(page, size, after, q == null || q.isBlank() ? Cursor.LIST : Cursor.SEARCH);
        Reader reader = Reader.of(caller.require(), ENDPOINT);
        NameIndex.Hits hits = search.find(q, only, in, slice, reader.organisation());
        return CasePage.of(views.page(hits, slice.request(), reader), hits);
    }
}
