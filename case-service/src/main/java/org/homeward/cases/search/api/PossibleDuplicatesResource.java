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

    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates"}""";
    static final String BAD_CURSOR = """
            {"type": "https://homeward.org/problems/bad-request", "title": "The request is not valid", "status": 400,
             "detail": "`after` is not a cursor of this list", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates",
             "errors": [{"pointer": "after", "detail": "is not a cursor this API returned"}]}""";
    static final String CASE_ERASED = """
            {"type": "https://homeward.org/problems/case-erased", "title": "The case was erased", "status": 410,
             "detail": "Case 40d1a708-4b00-4d6a-873b-9753ac67ce37 was erased by its owner; nothing of it can be shown",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates"}""";
    static final String CASE_NOT_FOUND = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Case 40d1a708-4b00-4d6a-873b-9753ac67ce37 was not found",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates"}""";
    static final String INVALID_PAGE = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/possible-duplicates",
             "errors": [{"pointer": "page", "detail": "must not be given with `after`: a cursor says where the page starts"}]}""";

    @GET
    @Operation(operationId = "listPossibleDuplicates", summary = "Cases that may be the same person as this one",
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
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad-request", value = BAD_CURSOR)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `caseworker`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such case, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = CASE_NOT_FOUND)))
    @APIResponse(responseCode = "410", description = "The case was erased by its owner (CASE_ERASED): nothing of "
            + "it can be shown", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "case-erased", value = CASE_ERASED)))
    @APIResponse(responseCode = "422", description = "`page` or `size` out of range, `page` beyond "
            + Slice.MAX_SKIPPED + " cases or with `after`, named in `errors`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_PAGE)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public CasePage possibleDuplicates(
            @Parameter(description = "The case id") @PathParam("caseId") UUID caseId,
            @Parameter(description = "The `next` of the previous page", schema = @Schema(type = SchemaType.STRING,
                    maxLength = 120, pattern = "^[A-Za-z0-9_-]+={0,2}$")) @QueryParam("after") String after,
            @Parameter(description = "Pages to skip, from 0 (at most " + Slice.MAX_SKIPPED + " cases; prefer `after`)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "1000", defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Cases per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") Integer size) {
        Slice slice = Slice.of(page, size, after, Cursor.DUPLICATES);
        Reader reader = Reader.of(caller.require(), ENDPOINT);
        NameIndex.Hits hits = search.possibleDuplicates(caseId, slice, reader);
        return CasePage.of(views.page(hits, slice.request(), reader), hits);
    }
}
