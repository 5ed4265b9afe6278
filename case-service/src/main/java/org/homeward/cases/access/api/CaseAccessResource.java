package org.homeward.cases.access.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.access.domain.SharingList;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;
import org.homeward.support.problem.Problem;

/** Who a case is shared with, for the admins of the organisation that owns it. */
@Path("/api/v1/cases/{caseId}/access")
@Tag(name = "Cases", description = "The record of each person's case")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CaseAccessResource {

    static final String ENDPOINT = "GET /api/v1/cases/{caseId}/access";

    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/access"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/access"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/access"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/access"}""";
    static final String CASE_ERASED = """
            {"type": "https://homeward.org/problems/case-erased", "title": "The case was erased", "status": 410,
             "detail": "Case 40d1a708-4b00-4d6a-873b-9753ac67ce37 was erased by its owner; nothing of it can be shown",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/access"}""";
    static final String CASE_NOT_FOUND = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Case 40d1a708-4b00-4d6a-873b-9753ac67ce37 was not found",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/access"}""";

    @Inject
    SharingList sharing;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(operationId = "getCaseAccess", summary = "Who the case is shared with: the organisations that may see it",
            description = "The owner (the organisation that opened the case) and every organisation a CASE_SHARED "
                    + "event granted access and no CASE_UNSHARED revoked since, each with when the case service "
                    + "took the granting event and which event it was. Only the admins of the owner read it: for any "
                    + "other organisation, a partner the case is shared with included, the case answers 404 as one "
                    + "that does not exist (partners do not learn each other). The read is recorded in the audit log. "
                    + "Sharing and unsharing are events sent to intake (`POST /api/v1/cases/{caseId}/events`); this "
                    + "list shows them once the case service has taken them.")
    @APIResponse(responseCode = "200", description = "The organisations that may see the case", content = @Content(
            schema = @Schema(implementation = CaseAccessView.class),
            examples = @ExampleObject(name = "shared-with-red-cross", value = """
                    {"caseId": "40d1a708-4b00-4d6a-873b-9753ac67ce37", "ownerOrganisation": "defector-org",
                     "organisations": [
                      {"organisation": "defector-org", "owner": true, "grantedAt": "2026-11-30T04:25:52.101Z",
                       "grantedBy": {"eventId": "0b7ad0f4-52d5-4bd6-9a37-43a2a6a1b0f1", "type": "CASE_OPENED",
                                     "occurredAt": "2025-01-09T06:00:00Z"}},
                      {"organisation": "red-cross", "owner": false, "grantedAt": "2026-11-30T05:02:11.480Z",
                       "grantedBy": {"eventId": "8c3a3ad4-2f4e-4f59-9b59-3fcd3a8f4c1e", "type": "CASE_SHARED",
                                     "occurredAt": "2026-03-02T00:00:00Z"}}]}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such case, or not one the caller's organisation owns",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = CASE_NOT_FOUND)))
    @APIResponse(responseCode = "410", description = "The case was erased by its owner (CASE_ERASED): nothing of "
            + "it can be shown", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "case-erased", value = CASE_ERASED)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public CaseAccessView access(@Parameter(description = "The case id") @PathParam("caseId") UUID caseId) {
        return CaseAccessView.of(sharing.of(caseId, Reader.of(caller.require(), ENDPOINT)));
    }
}
