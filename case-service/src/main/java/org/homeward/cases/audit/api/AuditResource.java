package org.homeward.cases.audit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.audit.domain.AuditTrail;
import org.homeward.cases.audit.persistence.AuditLog;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.Params;
import org.homeward.support.problem.Problem;

/** The audit trail of reads of people's data, for the admins of the organisation that owns the cases. Read only. */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who read which case, when and how")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    @Inject
    AuditTrail trail;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Who read our cases: the audit records of the caller's organisation's cases",
            description = "Every read of a person's data leaves a record, written in the transaction of the read: a "
                    + "case, its timeline, each case a search or a possible-duplicates list showed. A record says who "
                    + "(the token's subject), from which organisation (ours, or a partner the case was shared with), "
                    + "when, which case and through which endpoint; never what was searched for. An admin sees the "
                    + "records about the cases their organisation owns; `caseId` narrows them to one case (404 unless "
                    + "the organisation owns it, as for a case that does not exist). Records can never be changed or "
                    + "removed: this API only reads, and the database refuses updates and deletes. Newest first; "
                    + "paged: `page` from 0, `size` 1 to 100 (default 20).")
    @APIResponse(responseCode = "200", description = "A page of audit records", content = @Content(
            examples = @ExampleObject(name = "timeline-read", value = """
                    {"items": [{"id": 1042, "readAt": "2026-11-30T08:12:03.118Z", "subject": "caseworker-7",
                      "organisation": "partner-ngo", "caseId": "40d1a708-4b00-4d6a-873b-9753ac67ce37",
                      "endpoint": "GET /api/v1/cases/{caseId}/timeline"}], "page": 0, "size": 20, "total": 1}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "`caseId` names no case the caller's organisation owns",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "`caseId` is not a UUID, or `page` or `size` out of range, "
            + "named in `errors`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AuditRecordView> records(
            @Parameter(description = "Only the records of this case",
                    example = "40d1a708-4b00-4d6a-873b-9753ac67ce37") @QueryParam("caseId") String caseId,
            @Parameter(description = "Page number, from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Records per page, 1 to 100") @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        AuditLog.Entries entries = trail.of(caller.require().organisation(), Params.uuid("caseId", caseId), request);
        return new Page<>(entries.items().stream().map(AuditRecordView::of).toList(), request.page(), request.size(),
                entries.total());
    }
}
