package org.homeward.intake.erasure.api;

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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.intake.registry.domain.CaseRegistry;
import org.homeward.intake.registry.persistence.CaseRegistration;
import org.homeward.intake.submission.api.CaseIntakeResource;
import org.homeward.intake.submission.domain.IntakeService;
import org.homeward.intake.submission.domain.IntakeService.Accepted;
import org.homeward.intake.submission.domain.Outcome;
import org.homeward.intake.submission.domain.SubmissionParser;
import org.homeward.support.identity.Caller;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;

/**
 * A case's owner erases it (issue 15, point 1): publishes CASE_ERASED through intake's ordinary path (202 only once
 * Kafka acknowledged it). The case service then destroys the case's keys, so nothing of the person it sealed can be
 * opened again, and answers 410 for the case from then on; intake destroys the key its records on case-events are
 * sealed under once it reads the erasure back ({@code CaseRegistry}).
 */
@Path("/api/v1/cases/{caseId}/erasure")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ErasureResource {

    @Inject
    SubmissionParser parser;

    @Inject
    IntakeService intake;

    @Inject
    CaseRegistry registry;

    @Inject
    CurrentCaller caller;

    @POST
    @Tag(name = "Cases")
    @Operation(operationId = "eraseCase", summary = "Erase a case (the person or family withdrew consent)",
            description = "Publishes CASE_ERASED for the case. Only an `admin` of the organisation that opened the "
                    + "case may erase it (`403 forbidden` for anyone else who may see the case, `404 case-not-found` "
                    + "for a case the caller's organisation may not see, exactly as for one that does not exist). "
                    + "`reason` is a code, never free text, so the erasure itself carries no personal data. `202` "
                    + "means the erasure is durably in Kafka. The case service then destroys the case's own key: "
                    + "nothing of the person it sealed (names, places, timeline payloads) can be opened again, in its "
                    + "database or in any backup of it taken before, once the key ring that wrapped the case key is "
                    + "retired; every read of the case answers `410 case-erased`, lists and searches leave it out, "
                    + "and its counts stay in the statistics. Intake drops the case's idempotency keys and refuses "
                    + "every later event for it with `410 case-erased`.\n\n"
                    + "**Idempotent.** Once intake has read the erasure back from Kafka (usually within a second), "
                    + "erasing again answers `202` with the first erasure's ids and `Idempotent-Replayed: true`, and "
                    + "publishes nothing; a second erasure the case service receives changes nothing.\n\n"
                    + "**On Kafka**: the person's records on `case-events` are sealed under the case's key; once intake "
                    + "read the erasure back it destroys its copy of that key and replaces it on `case-keys` by a "
                    + "marker, so those records no longer open anywhere. Records written in clear before payloads were "
                    + "sealed are not reached (docs/security.md).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "consent-withdrawn", summary = "The family withdrew its consent", value = """
                    {"reason": "CONSENT_WITHDRAWN"}""")}))
    @APIResponse(responseCode = "202", description = "Stored in Kafka; the case id and the CASE_ERASED event id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "accepted", value = """
                            {"caseId": "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47", \
                            "eventId": "b7e4a0d2-1c3f-4e85-a9d6-0f2b8c7e5a13"}""")))
    public Response erase(@Parameter(description = "The case's id, as `POST /api/v1/cases` answered it")
            @PathParam("caseId") UUID caseId, JsonNode body,
            @HeaderParam(CaseIntakeResource.IDEMPOTENCY_KEY_HEADER) String idempotencyKey) {
        Caller admin = caller.require();
        var erasure = parser.parseErasure(body);
        String key = CaseIntakeResource.idempotencyKey(idempotencyKey);
        Optional<UUID> erased = registry.find(caseId).filter(c -> owns(c, admin))
                .flatMap(c -> registry.erasure(caseId));
        if (erased.isPresent()) {
            // Erased already: the same answer again, nothing published.
            return Response.accepted(new Accepted(caseId, erased.get()))
                    .header(CaseIntakeResource.REPLAYED, "true").build();
        }
        Outcome outcome = intake.submit(caseId, erasure, admin, key);
        Response.ResponseBuilder response = Response.accepted(new Accepted(outcome.caseId(), outcome.eventId()));
        if (outcome.replayed()) {
            response.header(CaseIntakeResource.REPLAYED, "true");
        }
        return response.build();
    }

    private static boolean owns(CaseRegistration registration, Caller caller) {
        return registration.ownerOrganisation.equals(caller.organisation());
    }
}
