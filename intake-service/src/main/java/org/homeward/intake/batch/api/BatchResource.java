package org.homeward.intake.batch.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.intake.batch.domain.BatchIntake;
import org.homeward.intake.batch.domain.BulkResult;
import org.homeward.intake.submission.api.CaseIntakeResource;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;
import org.homeward.support.ratelimit.CostPerItem;

/** Many events in one request: a JSON array or NDJSON, answered item by item. */
@Path("/api/v1/events:batch")
@RolesAllowed({Roles.REPORTER, Roles.ADMIN})
public class BatchResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    BatchIntake batch;

    @Inject
    CurrentCaller caller;

    @POST
    @CostPerItem
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Events")
    @Operation(operationId = "reportEvents", summary = "Report up to 1,000 events of existing cases at once",
            description = "A JSON array of events, or NDJSON (`application/x-ndjson`, one event a line), each with "
                    + "the `caseId` it is about. Every item is validated and answered on its own, in the request's "
                    + "order: `ACCEPTED` with its `eventId` once Kafka stored it, or `REJECTED` with a problem whose "
                    + "pointers start with the item's index (`/3/heldBy`); nothing of a rejected item is published. "
                    + "One case's events are stored in the order of the request: a case's next event is sent only "
                    + "once its previous one was acknowledged, so if Kafka fails half-way, that case's later events "
                    + "are rejected too (`broker-unavailable`) and none overtakes a failed one. An item whose "
                    + "acknowledgement did not come may be stored all the same (`outcome-unknown`): send the batch "
                    + "again with the same `Idempotency-Key`, and intake finds it in Kafka or publishes it, once. "
                    + "The answer carries `Retry-After` when items were refused for these reasons. With an `Idempotency-Key`, a retry of "
                    + "the same batch answers the same ids for the items already stored and publishes only the "
                    + "others; each item is keyed `key#index`. Each item follows the rules of "
                    + "`POST /api/v1/cases/{caseId}/events`: a case the token's organisation may not report on "
                    + "answers that item `404 case-not-found` exactly as an unknown case, and sharing items "
                    + "(`CASE_SHARED`, `CASE_UNSHARED`) take the owner's `admin` role (`403 forbidden` otherwise). "
                    + "A retraction (`EVENT_RETRACTED`) is checked per item like a single one (`422 unknown-event`, "
                    + "`422 event-not-retractable`, `403 forbidden`, `409 conflict`, naming `/N/eventId`); it can "
                    + "take back only an event intake has already read back from Kafka, never one of the same "
                    + "request, and a second retraction of one event in a request is refused `409 conflict`.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "soldiers",
                    summary = "Two soldiers' news in one request", value = """
                    [{"caseId": "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47", "type": "CAPTURED",
                      "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine", "location": "Kursk front"},
                     {"caseId": "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47", "type": "DEFECTION_INTENT_STATED",
                      "occurredAt": "2025-10-28T00:00:00Z", "destination": "South Korea", "method": "LETTER"},
                     {"caseId": "9a7d5c3e-1b2f-4a6d-8e0c-5f4b3a2d1c0e", "type": "CAPTURED",
                      "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine"}]""")),
            @Content(mediaType = NDJSON)})
    @APIResponse(responseCode = "200", description = "Every item's result, in the request's order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BulkResult.class),
                    examples = @ExampleObject(name = "one-refused", value = """
                    {"accepted": 2, "rejected": 1, "items": [
                      {"index": 0, "status": "ACCEPTED", "caseId": "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47",
                       "eventId": "b7e4a0d2-1c3f-4e85-a9d6-0f2b8c7e5a13"},
                      {"index": 1, "status": "ACCEPTED", "caseId": "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47",
                       "eventId": "0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f"},
                      {"index": 2, "status": "REJECTED", "caseId": "9a7d5c3e-1b2f-4a6d-8e0c-5f4b3a2d1c0e",
                       "problem": {"type": "https://homeward.org/problems/case-not-found", "title": "The case does not exist",
                                   "status": 404, "detail": "No case 9a7d5c3e-1b2f-4a6d-8e0c-5f4b3a2d1c0e exists; open it with POST /api/v1/cases first",
                                   "errors": [{"pointer": "/2/caseId", "detail": "is not a known case"}]}}]}""")))
    public Response submit(String body, @Context HttpHeaders headers,
            @HeaderParam(CaseIntakeResource.IDEMPOTENCY_KEY_HEADER) String idempotencyKey) {
        var reporter = caller.require();
        MediaType type = headers.getMediaType();
        boolean ndjson = type != null && (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT)
                .equals(NDJSON);
        BulkResult result = batch.accept(body, ndjson, reporter, CaseIntakeResource.idempotencyKey(idempotencyKey));
        return BulkAnswer.of(result);
    }
}
