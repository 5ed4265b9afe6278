package org.homeward.cases.audit.api;

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
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.audit.domain.AuditTrail;
import org.homeward.cases.audit.domain.Reader;
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

    static final String ENDPOINT = "GET /api/v1/audit";

    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/audit"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/audit"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/audit"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/audit"}""";
    static final String CASE_NOT_FOUND = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Case 40d1a708-4b00-4d6a-873b-9753ac67ce37 was not found",
             "instance": "/api/v1/audit"}""";
    static final String INVALID_CASE_ID = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/audit",
             "errors": [{"pointer": "caseId", "detail": "must be a UUID"}]}""";

    @Inject
    AuditTrail trail;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(operationId = "listAuditRecords", summary = "Who read our cases: the audit records of the caller's organisation's cases",
            description = "Every read of a person's data leaves a record, written in the transaction of the read: a "
                    + "case, its timeline, each case a search or a possible-duplicates list showed. A record says who "
                    + "(the token's subject), from which organisation (ours, or a partner the case was shared with), "
                    + "when, which case and through which endpoint; never what was searched for. An admin sees the "
                    + "records about the cases their organisation owns; `caseId` narrows them to one case (404 unless "
                    + "the organisation owns it, as for a case that does not exist). Records can never be changed or "
                    + "removed: this API only reads, and the database refuses updates and deletes. Newest first; "
                    + "paged: `page` from 0, `size` 1 to 100 (default 20).")
    @APIResponse(responseCode = "200", description = "A page of audit records", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, maxItems = 100,
                            implementation = AuditRecordView.class),
                    @SchemaProperty(name = "page", type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "2147483647"),
                    @SchemaProperty(name = "size", type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "100"),
                    @SchemaProperty(name = "total", type = SchemaType.INTEGER, format = "int64", minimum = "0",
                            maximum = "9223372036854775807", description = "Items across all pages")}),
            examples = @ExampleObject(name = "timeline-read", value = """
                    {"items": [{"id": 1042, "readAt": "2026-11-30T08:12:03.118Z", "subject": "caseworker-7",
                      "organisation": "partner-ngo", "caseId": "40d1a708-4b00-4d6a-873b-9753ac67ce37",
                      "endpoint": "GET /api/v1/cases/{caseId}/timeline"}], "page": 0, "size": 20, "total": 1}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "`caseId` names no case the caller's organisation owns",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = CASE_NOT_FOUND)))
    @APIResponse(responseCode = "422", description = "`caseId` is not a UUID, or `page` or `size` out of range, "
            + "named in `errors`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_CASE_ID)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public Page<AuditRecordView> records(
            @Parameter(description = "Only the records of this case", schema = @Schema(type = SchemaType.STRING, format = "uuid",
                    minLength = 36, maxLength = 36, examples = "40d1a708-4b00-4d6a-873b-9753ac67ce37")) @QueryParam("caseId") String caseId,
            @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "0", maximum = "2147483647", defaultValue = "0")) @QueryParam("page") Integer page,
            @Parameter(description = "Records per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        AuditLog.Entries entries = trail.of(Reader.of(caller.require(), ENDPOINT), Params.uuid("caseId", caseId),
                request);
        return new Page<>(entries.items().stream().map(AuditRecordView::of).toList(), request.page(), request.size(),
                entries.total());
    }

    @GET
    @Path("verification")
    @Operation(operationId = "verifyAuditChain", summary = "Check the audit log's hash chain and name the first "
            + "broken link",
            description = "Every audit record carries the SHA-256 hash of the record before it and its own, over that "
                    + "hash and its fields; records are written under a lock, so the chain never forks. This reads the "
                    + "whole log in order and recomputes every link: a record changed in the database (`CHANGED`), or "
                    + "one deleted or inserted by hand (the record after it, or the inserted one, is `UNLINKED`), is "
                    + "named by its id. An intact chain answers its head (last id and hash): keep it, and a later check "
                    + "whose chain no longer holds that head shows the log was cut back. The whole service's log is "
                    + "checked, whichever organisation the admin belongs to; the answer holds ids and counts only.")
    @APIResponse(responseCode = "200", description = "What the check found", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditVerificationView.class),
            examples = {@ExampleObject(name = "intact", value = """
                    {"intact": true, "records": 1042, "headId": 1042,
                     "headHash": "9f2c1e0b7d3a4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6"}"""),
                    @ExampleObject(name = "broken", value = """
                    {"intact": false, "records": 318, "brokenId": 318, "problem": "CHANGED"}""")}))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `admin`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public AuditVerificationView verification() {
        caller.require();
        return AuditVerificationView.of(trail.verify());
    }
}
