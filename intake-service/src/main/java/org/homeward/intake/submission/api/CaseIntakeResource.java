package org.homeward.intake.submission.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
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
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/** The partners' door: open cases and report what happens to each person. */
@Path("/api/v1/cases")
@Tag(name = "Intake", description = "Report cases and case events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CaseIntakeResource {

    public static final String IDEMPOTENCY_KEY_HEADER = IntakeService.IDEMPOTENCY_KEY;
    static final String IDEMPOTENCY_KEY = IDEMPOTENCY_KEY_HEADER;
    /** Set on an answer that repeats an earlier request's with the same Idempotency-Key. */
    public static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    SubmissionParser parser;

    @Inject
    IntakeService intake;

    @Inject
    CurrentCaller caller;

    @POST
    @Operation(summary = "Open a case for a person",
            description = "Publishes CASE_OPENED for a new case id. 202 means the event is durably in Kafka; the case "
                    + "service shows it moments later.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "north-korean-pow", value = """
                    {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                     "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000,
                                "sex": "MALE", "placeOfOrigin": "Pyongyang"},
                     "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09"}""")))
    @APIResponse(responseCode = "202", description = "Accepted and stored in Kafka",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a missing header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields, each named by JSON pointer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; nothing was published. Retry later.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response open(JsonNode body,
            @Parameter(in = ParameterIn.HEADER, name = CurrentCaller.ORGANISATION, required = true,
                    description = "The reporting organisation") @HeaderParam(CurrentCaller.ORGANISATION) String organisation,
            @Parameter(in = ParameterIn.HEADER, name = CurrentCaller.USER,
                    description = "Who at the organisation sends this") @HeaderParam(CurrentCaller.USER) String user,
            @Parameter(in = ParameterIn.HEADER, description = IDEMPOTENCY_DESCRIPTION)
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller reporter = caller.require();
        return answer(intake.open(parser.parseOpening(body), reporter, idempotencyKey(idempotencyKey)));
    }

    @POST
    @Path("/{caseId}/events")
    @Operation(summary = "Report an event in a person's case",
            description = "The body's `type` names the event (CAPTURED, LETTER_RECEIVED, DEFECTION_INTENT_STATED, "
                    + "TRANSFER_REQUESTED, TRANSFERRED, RESETTLED, RETURNED, DEATH_REPORTED, PROOF_OF_LIFE, "
                    + "FAMILY_CONTACT, NOTE_ADDED, CASE_CLOSED, CASE_REOPENED); `occurredAt` is required. An event "
                    + "that is not legal in the case's state is still kept, marked rejected, in the timeline.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "captured", value = """
                    {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine",
                     "location": "Kursk front"}"""),
            @ExampleObject(name = "letter", value = """
                    {"type": "LETTER_RECEIVED", "occurredAt": "2025-10-28T00:00:00Z", "writer": "the person",
                     "via": "a defector organisation", "writtenOn": "2025-10-28", "receivedOn": "2025-11-12",
                     "language": "ko", "summary": "asks to be sent to South Korea", "documentRef": "doc-118"}"""),
            @ExampleObject(name = "intent", value = """
                    {"type": "DEFECTION_INTENT_STATED", "occurredAt": "2025-10-28T00:00:00Z",
                     "destination": "South Korea", "method": "LETTER"}"""),
            @ExampleObject(name = "transferred", value = """
                    {"type": "TRANSFERRED", "occurredAt": "2026-02-01T09:00:00Z", "from": "Ukraine",
                     "to": "South Korea"}""")}))
    @APIResponse(responseCode = "202", description = "Accepted and stored in Kafka",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a missing header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown type or invalid fields, each named by JSON pointer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; nothing was published. Retry later.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@PathParam("caseId") UUID caseId, JsonNode body,
            @Parameter(in = ParameterIn.HEADER, name = CurrentCaller.ORGANISATION, required = true,
                    description = "The reporting organisation") @HeaderParam(CurrentCaller.ORGANISATION) String organisation,
            @Parameter(in = ParameterIn.HEADER, name = CurrentCaller.USER,
                    description = "Who at the organisation sends this") @HeaderParam(CurrentCaller.USER) String user,
            @Parameter(in = ParameterIn.HEADER, description = IDEMPOTENCY_DESCRIPTION)
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller reporter = caller.require();
        return answer(intake.submit(caseId, parser.parseEvent(body), reporter, idempotencyKey(idempotencyKey)));
    }

    static final String IDEMPOTENCY_DESCRIPTION = "A key of your choice (e.g. a UUID) that makes a retry safe: the "
            + "same key from the same organisation always yields the same ids, and the case service takes the event once.";

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
