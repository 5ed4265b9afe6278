package org.homeward.intake.importing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.intake.batch.api.BulkAnswer;
import org.homeward.intake.batch.domain.BulkResult;
import org.homeward.intake.importing.domain.PersonImport;
import org.homeward.intake.submission.api.CaseIntakeResource;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;
import org.homeward.support.ratelimit.CostPerItem;

/** A CSV list of persons: a case opened per valid row, each bad row reported by its line. */
@Path("/api/v1/cases:import")
@RolesAllowed(Roles.REPORTER)
public class ImportResource {

    public static final String CSV = "text/csv";

    @Inject
    PersonImport personImport;

    @Inject
    CurrentCaller caller;

    @POST
    @CostPerItem
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Cases")
    @Operation(operationId = "importPersons", summary = "Open a case for each person of a CSV list (up to 1,000 rows)",
            description = "The kind of list a ministry or a families' union keeps, as a spreadsheet exports it "
                    + "(UTF-8, RFC 4180 quoting, a byte order mark is fine). The first row names the columns, in any "
                    + "order; case, spaces, `_` and `-` in the names do not matter: `category` (required: "
                    + "SOUTH_KOREAN_POW, WAR_ABDUCTEE, POSTWAR_ABDUCTEE, DETAINEE, NORTH_KOREAN_POW, DEFECTOR; "
                    + "\"war abductee\" works too), `hangulName` and/or `romanizedNames` (several separated by `;`), "
                    + "`birthYear`, `sex` (MALE, FEMALE, UNKNOWN, or M/F), `placeOfOrigin`, `placeTaken`, `dateTaken` "
                    + "(YYYY-MM-DD), `occurredAt` (RFC 3339 or a date; defaults to `dateTaken`, else now). A column "
                    + "Homeward does not know refuses the whole file, so that no data is silently dropped. Each row "
                    + "is validated like `POST /api/v1/cases` and answered on its own with its `line`: `ACCEPTED` "
                    + "with the new case's id, or `REJECTED` with a problem naming the failing columns. With an "
                    + "`Idempotency-Key`, a retry of the same file answers the same case ids and publishes nothing "
                    + "new. Without one, the file's content is the key (kept 24 h): sending the same file again, e.g. "
                    + "after a timeout or a `503 outcome-unknown`, answers the same case ids and opens no case twice; "
                    + "to import the same persons again on purpose, send a new key.")
    @RequestBody(required = true, content = @Content(mediaType = CSV, examples = @ExampleObject(
            name = "families-union", summary = "A families' union's list of abductees", value = """
            hangulName,romanizedNames,birthYear,sex,category,placeOfOrigin,placeTaken,dateTaken
            이선옥,Lee Sun-ok;Yi Son-ok,1931,F,WAR_ABDUCTEE,"Kaesong, Gyeonggi",Seoul,1950-09-15
            김광원,Kim Gwang-won;Kim Kwang-won,1930,M,SOUTH_KOREAN_POW,,near Cheorwon,1953-07-13
            """)))
    @APIResponse(responseCode = "200", description = "Every row's result, in the file's order, with its line",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BulkResult.class),
                    examples = @ExampleObject(name = "one-bad-row", value = """
                    {"accepted": 1, "rejected": 1, "items": [
                      {"index": 0, "line": 2, "status": "ACCEPTED", "caseId": "5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b",
                       "eventId": "6f5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c"},
                      {"index": 1, "line": 3, "status": "REJECTED", "problem": {
                        "type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                        "status": 422, "detail": "Line 3: 1 column is not valid",
                        "errors": [{"pointer": "birthYear", "detail": "must be a year, e.g. 1931"}]}}]}""")))
    public Response importPersons(String body,
            @HeaderParam(CaseIntakeResource.IDEMPOTENCY_KEY_HEADER) String idempotencyKey) {
        var reporter = caller.require();
        return BulkAnswer.of(personImport.accept(body, reporter, CaseIntakeResource.idempotencyKey(idempotencyKey)));
    }
}
