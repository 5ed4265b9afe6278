package org.homeward.intake.submission.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.intake.submission.domain.IntakeService;
import org.homeward.intake.submission.domain.IntakeService.Accepted;
import org.homeward.intake.submission.domain.Outcome;
import org.homeward.intake.submission.domain.SubmissionParser;
import org.homeward.support.identity.Caller;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.identity.Roles;

/**
 * The partners' door: open cases and report what happens to each person. The OpenAPI document's schemas, headers and
 * error responses are completed by {@code org.homeward.intake.openapi.IntakeOpenApi}.
 */
@Path("/api/v1/cases")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.REPORTER)
public class CaseIntakeResource {

    public static final String IDEMPOTENCY_KEY_HEADER = IntakeService.IDEMPOTENCY_KEY;
    static final String IDEMPOTENCY_KEY = IDEMPOTENCY_KEY_HEADER;
    /** Set on an answer that repeats an earlier request's with the same Idempotency-Key. */
    public static final String REPLAYED = "Idempotent-Replayed";
    static final String ACCEPTED_EXAMPLE = """
            {"caseId": "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47", "eventId": "b7e4a0d2-1c3f-4e85-a9d6-0f2b8c7e5a13"}""";

    @Inject
    SubmissionParser parser;

    @Inject
    IntakeService intake;

    @Inject
    CurrentCaller caller;

    @POST
    @Tag(name = "Cases")
    @Operation(operationId = "openCase", summary = "Open a case for a person",
            description = "Publishes CASE_OPENED for a new case id and registers the case, so that events can be "
                    + "reported for it at once. `202` means the event is durably in Kafka (acknowledged by all "
                    + "in-sync replicas); the case service shows the case moments later. With an `Idempotency-Key`, "
                    + "a retry of the same request answers the same case id and publishes nothing new.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "north-korean-pow", summary = "A soldier captured on the Kursk front", value = """
                    {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                     "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000,
                                "sex": "MALE", "placeOfOrigin": "Pyongyang"},
                     "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09"}"""),
            @ExampleObject(name = "war-abductee", summary = "A civilian abducted in 1950, known by two spellings",
                    value = """
                    {"occurredAt": "1950-09-15T00:00:00Z", "category": "WAR_ABDUCTEE",
                     "person": {"hangulName": "이선옥", "romanizedNames": ["Lee Sun-ok", "Yi Son-ok"],
                                "birthYear": 1931, "sex": "FEMALE", "placeOfOrigin": "Kaesong"},
                     "placeTaken": "Seoul", "dateTaken": "1950-09-15"}""")}))
    @APIResponse(responseCode = "202", description = "Stored in Kafka; the case id and the CASE_OPENED event id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "accepted", value = ACCEPTED_EXAMPLE)))
    public Response open(JsonNode body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller reporter = caller.require();
        return answer(intake.open(parser.parseOpening(body), reporter, idempotencyKey(idempotencyKey)));
    }

    @POST
    @Path("/{caseId}/events")
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Tag(name = "Events")
    @Operation(operationId = "reportEvent", summary = "Report an event in a person's case",
            description = "The body's `type` names the event (CAPTURED, LETTER_RECEIVED, DEFECTION_INTENT_STATED, "
                    + "TRANSFER_REQUESTED, TRANSFERRED, RESETTLED, RETURNED, DEATH_REPORTED, PROOF_OF_LIFE, "
                    + "FAMILY_CONTACT, NOTE_ADDED, CASE_CLOSED, CASE_REOPENED, CASE_SHARED, CASE_UNSHARED, "
                    + "EVENT_RETRACTED) and chooses "
                    + "its fields; `occurredAt` is required. `202` means the event is durably in Kafka.\n\n"
                    + "**Who may report.** A case belongs to the organisation that opened it. The token's organisation "
                    + "may add events to its own cases and to cases shared with it; for any other case the answer is "
                    + "`404 case-not-found`, exactly as for a case that does not exist (the same body: nothing tells "
                    + "that the case exists), and nothing is published. Every event but the sharing ones and "
                    + "retractions takes the `reporter` role.\n\n"
                    + "**Sharing.** `CASE_SHARED` (`{\"organisation\": \"partner-org\", \"reason\": \"...\"}`) "
                    + "grants another organisation access to the case (its caseworkers see it, its reporters may add "
                    + "events, its advocates are notified); `CASE_UNSHARED` revokes it. Both take the `admin` role "
                    + "of the owning organisation (the `reporter` role is not needed for them): `403 forbidden` for "
                    + "anyone else who may see the case. A share takes effect at intake once intake has read it back "
                    + "from Kafka, usually within a second: until then the newly shared organisation still gets "
                    + "`404`; retry after a moment.\n\n"
                    + "**Retraction.** `EVENT_RETRACTED` (`{\"eventId\": \"<the event's id>\", \"reason\": \"...\"}`) "
                    + "takes back an earlier event of the same case that was reported in error: the case service keeps "
                    + "it in the timeline, marked retracted, and derives the case again without it. It takes the "
                    + "`reporter` role of the organisation that reported the event, or the `admin` role of the "
                    + "case's owner (`403 forbidden` for anyone else who may see the case, naming `/eventId`). "
                    + "Intake refuses, naming `/eventId` and publishing nothing, a retraction of an event it does "
                    + "not know in this case (`422 unknown-event`: the same answer for an event of another case), "
                    + "of a retraction or a sharing event (`422 event-not-retractable`; revoke or grant a share "
                    + "with `CASE_UNSHARED` / `CASE_SHARED` instead), and of an event retracted already "
                    + "(`409 conflict`). Intake learns events from Kafka: an event is known, and a retraction "
                    + "counts, once intake has read it back, usually within a second of its `202`. A retraction "
                    + "sent a moment after its event may be refused as `unknown-event`: send it again after a "
                    + "moment.\n\n"
                    + "An event that is not legal in the case's state is still accepted here; the case service keeps "
                    + "it in the timeline, marked rejected, and raises a data-quality alert.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "captured", summary = "Captured by Ukraine", value = """
                    {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine",
                     "location": "Kursk front"}"""),
            @ExampleObject(name = "letter", summary = "His letter, delivered through a defector organisation",
                    value = """
                    {"type": "LETTER_RECEIVED", "occurredAt": "2025-10-28T00:00:00Z", "writer": "the soldier",
                     "via": "a defector organisation", "writtenOn": "2025-10-28", "receivedOn": "2025-11-12",
                     "language": "ko", "summary": "asks to be sent to South Korea", "documentRef": "doc-118"}"""),
            @ExampleObject(name = "intent", summary = "His stated intent to go to South Korea", value = """
                    {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2025-10-28T00:00:00Z",
                     "destination": "South Korea", "method": "LETTER",
                     "evidenceEventId": "b7e4a0d2-1c3f-4e85-a9d6-0f2b8c7e5a13"}"""),
            @ExampleObject(name = "transferred", summary = "His transfer to South Korea", value = """
                    {"type": "TRANSFERRED", "occurredAt": "2026-02-01T09:00:00Z", "from": "Ukraine",
                     "to": "South Korea"}"""),
            @ExampleObject(name = "family-contact", summary = "A video reunion", value = """
                    {"type": "FAMILY_CONTACT", "occurredAt": "2026-03-01T10:00:00Z", "kind": "VIDEO_REUNION",
                     "with": "his mother"}"""),
            @ExampleObject(name = "shared", summary = "Referred to a resettlement partner (admin of the owner)",
                    value = """
                    {"type": "CASE_SHARED", "occurredAt": "2026-02-01T09:00:00Z", "organisation": "hanawon",
                     "reason": "resettlement support"}"""),
            @ExampleObject(name = "retracted", summary = "Takes back an event reported in error (its reporter, or "
                    + "an admin of the case's owner)", value = """
                    {"type": "EVENT_RETRACTED", "occurredAt": "2026-02-02T08:00:00Z",
                     "eventId": "b7e4a0d2-1c3f-4e85-a9d6-0f2b8c7e5a13",
                     "reason": "reported for the wrong person"}""")}))
    @APIResponse(responseCode = "202", description = "Stored in Kafka; the case id and the new event's id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "accepted", value = ACCEPTED_EXAMPLE)))
    public Response submit(@Parameter(description = "The case's id, as `POST /api/v1/cases` answered it")
            @PathParam("caseId") UUID caseId, JsonNode body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller reporter = caller.require();
        return answer(intake.submit(caseId, parser.parseEvent(body), reporter, idempotencyKey(idempotencyKey)));
    }

    static Response answer(Outcome outcome) {
        Response.ResponseBuilder response = Response.accepted(new Accepted(outcome.caseId(), outcome.eventId()));
        if (outcome.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    /** Checks an Idempotency-Key header; null when absent. */
    public static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.invalid(IDEMPOTENCY_KEY, "must be 1 to 200 visible ASCII characters");
        }
        return key;
    }
}
