package org.homeward.cases.lifecycle.api;

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
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.Problem;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;

/** A person's case and its timeline. */
@Path("/api/v1/cases/{caseId}")
@Tag(name = "Cases", description = "The record of each person's case")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CASEWORKER)
public class CaseResource {

    static final String CASE_EXAMPLE = """
            {"caseId": "40d1a708-4b00-4d6a-873b-9753ac67ce37", "category": "NORTH_KOREAN_POW", "state": "TRANSFERRED",
             "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000, "sex": "MALE"},
             "hangulNameRomanized": {"revised": "Ri Gwangcheol", "mccuneReischauer": "Ri Kwangch'ŏl"},
             "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09", "ownerOrganisation": "defector-org",
             "version": 4, "vitalStatus": "ALIVE", "vitalStatusDate": "2025-10-28",
             "vitalClaims": [{"eventId": "0b7ad0f4-52d5-4bd6-9a37-43a2a6a1b0f1", "type": "LETTER_RECEIVED",
               "source": "a defector organisation", "reportedBy": "defector-org", "date": "2025-10-28"}],
             "conflicts": [], "possibleDuplicates": 0,
             "openedAt": "2026-11-30T04:25:52.101Z", "updatedAt": "2026-11-30T04:25:53.876Z"}""";


    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37"}""";
    static final String CASE_ERASED = """
            {"type": "https://homeward.org/problems/case-erased", "title": "The case was erased", "status": 410,
             "detail": "Case 40d1a708-4b00-4d6a-873b-9753ac67ce37 was erased by its owner; nothing of it can be shown",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37"}""";
    static final String CASE_NOT_FOUND = """
            {"type": "https://homeward.org/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Case 40d1a708-4b00-4d6a-873b-9753ac67ce37 was not found",
             "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37"}""";
    static final String INVALID_ORDER = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/cases/40d1a708-4b00-4d6a-873b-9753ac67ce37/timeline",
             "errors": [{"pointer": "order", "detail": "must be occurred or arrival"}]}""";

    static final String CASE = "GET /api/v1/cases/{caseId}";
    static final String TIMELINE = "GET /api/v1/cases/{caseId}/timeline";

    @Inject
    CaseViews views;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(operationId = "getCase", summary = "A case: state, vital status, category, person, version, conflicts, possible duplicates",
            description = "The case as it stands after every event it took. `version` counts the events; `conflicts` "
                    + "lists the critical alerts (forced-repatriation risk, life after death) that events raised; "
                    + "`possibleDuplicates` counts other cases that may be the same person. A case opened a moment "
                    + "ago through intake may answer 404 until the case service has taken its event. A case the "
                    + "caller's organisation may not see (it neither owns it nor was it shared with it) answers the "
                    + "same 404 as a case that does not exist. Every read is recorded in the audit log.")
    @APIResponse(responseCode = "200", description = "The case", content = @Content(
            schema = @Schema(implementation = CaseView.class),
            examples = @ExampleObject(name = "transferred", value = CASE_EXAMPLE)))
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
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public CaseView get(@Parameter(description = "The case id") @PathParam("caseId") UUID caseId) {
        return views.one(caseId, Reader.of(caller.require(), CASE));
    }

    @GET
    @Path("/timeline")
    @Operation(operationId = "getTimeline", summary = "A case's timeline: every event, applied, rejected or retracted, in the order it happened",
            description = "Entries come in the order the case is derived in: by when each event happened (occurredAt; "
                    + "the opening first; arrival order, `sequence`, breaks ties), or with `order=arrival` in the "
                    + "order they arrived. Each entry says what the event did where it falls (APPLIED with fromState "
                    + "and toState, or REJECTED with the reason; a late report judges the later ones again), the alerts "
                    + "it raised, and carries the event's own fields; a RETRACTED entry says who retracted it, when "
                    + "and why. "
                    + "Only for a case the caller's organisation may see (404 otherwise, as for a case that does not "
                    + "exist); every read is recorded in the audit log. Paged: `page` from 0, `size` 1 to 100 "
                    + "(default 20).")
    @APIResponse(responseCode = "200", description = "A page of timeline entries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, maxItems = 100,
                            implementation = TimelineEntryView.class),
                    @SchemaProperty(name = "page", type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "2147483647"),
                    @SchemaProperty(name = "size", type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "100"),
                    @SchemaProperty(name = "total", type = SchemaType.INTEGER, format = "int64", minimum = "0",
                            maximum = "9223372036854775807", description = "Items across all pages")}),
            examples = @ExampleObject(name = "captured", value = """
                    {"items": [{"eventId": "5d4d18a8-4147-4ade-83ae-b059e758010a", "type": "CAPTURED",
                      "occurredAt": "2025-01-09T06:00:00Z", "receivedAt": "2026-11-30T04:25:51.895Z",
                      "recordedAt": "2026-11-30T04:25:52.310Z", "reportedBy": "defector-org", "status": "APPLIED",
                      "fromState": "REPORTED", "toState": "IN_CUSTODY", "alerts": [], "urgency": "HIGH",
                      "sequence": 1042, "heldBy": "Ukraine", "location": "Kursk front"}],
                     "page": 0, "size": 20, "total": 1}""")))
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
    @APIResponse(responseCode = "422", description = "`order` unknown, or `page` or `size` out of range, named in `errors`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_ORDER)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public Page<TimelineEntryView> timeline(@Parameter(description = "The case id") @PathParam("caseId") UUID caseId,
            @Parameter(description = "`occurred` (default): the order the case is derived in, by when each event "
                    + "happened (the opening first, arrival breaking ties); `arrival`: the order they arrived in",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"occurred", "arrival"},
                            defaultValue = "occurred")) @QueryParam("order") String order,
            @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "0", maximum = "2147483647", defaultValue = "0")) @QueryParam("page") Integer page,
            @Parameter(description = "Entries per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") Integer size) {
        return views.timeline(caseId, order(order), PageRequest.of(page, size), Reader.of(caller.require(), TIMELINE));
    }

    private static CaseViews.TimelineOrder order(String order) {
        if (order == null || order.isBlank() || order.equalsIgnoreCase("occurred")) {
            return CaseViews.TimelineOrder.OCCURRED;
        }
        if (order.equalsIgnoreCase("arrival")) {
            return CaseViews.TimelineOrder.ARRIVAL;
        }
        throw org.homeward.support.problem.ProblemException.invalid("order", "must be occurred or arrival");
    }
}
