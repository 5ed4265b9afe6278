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

    @Inject
    SharingList sharing;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Who the case is shared with: the organisations that may see it",
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
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case, or not one the caller's organisation owns",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseAccessView access(@Parameter(description = "The case id") @PathParam("caseId") UUID caseId) {
        return CaseAccessView.of(sharing.of(caseId, Reader.of(caller.require(), ENDPOINT)));
    }
}
