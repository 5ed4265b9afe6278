package org.homeward.cases.statistics.api;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.cases.statistics.domain.CaseStatistics;
import org.homeward.events.Category;
import org.homeward.support.problem.Params;
import org.homeward.support.problem.Problem;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.identity.Roles;

/** Aggregate figures over cases, without any personal data. */
@Path("/api/v1/statistics")
@Tag(name = "Statistics", description = "Aggregate figures over cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CASEWORKER)
public class StatisticsResource {


    // Examples of the problem documents this API answers (RFC 9457, application/problem+json).
    static final String UNAUTHORIZED = """
            {"type": "https://homeward.org/problems/unauthorized", "title": "A valid bearer token is required",
             "status": 401, "detail": "Send Authorization: Bearer <token> with a valid, unexpired token from the \
            configured issuer", "instance": "/api/v1/statistics"}""";
    static final String FORBIDDEN = """
            {"type": "https://homeward.org/problems/forbidden", "title": "The token does not allow this",
             "status": 403, "detail": "The token's roles or organisation do not allow this operation",
             "instance": "/api/v1/statistics"}""";
    static final String INTERNAL = """
            {"type": "https://homeward.org/problems/internal", "title": "Something went wrong on our side",
             "status": 500, "detail": "Incident 8d2c4b6a-1e3f-4a5b-9c7d-0e1f2a3b4c5d was logged; quote it to support",
             "instance": "/api/v1/statistics"}""";
    static final String UNAVAILABLE = """
            {"type": "https://homeward.org/problems/dependency-unavailable",
             "title": "The service's database or broker did not answer in time", "status": 503,
             "detail": "The service's database or message broker did not answer in time. Send the request again \
            after the Retry-After delay.", "instance": "/api/v1/statistics"}""";
    static final String INVALID_CATEGORY = """
            {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
             "status": 422, "detail": "1 field is not valid", "instance": "/api/v1/statistics",
             "errors": [{"pointer": "category", "detail": "must be one of SOUTH_KOREAN_POW, WAR_ABDUCTEE, POSTWAR_ABDUCTEE, DETAINEE, NORTH_KOREAN_POW, DEFECTOR"}]}""";

    @Inject
    CaseStatistics statistics;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(operationId = "getStatistics", summary = "Counts of cases by category and state, by age group when taken and by year taken",
            description = "The figures a documentation project publishes: the number of cases overall and in each "
                    + "category, by state and by age group when taken (\"under 10\", \"10s\", \"20s\", … \"90s\", "
                    + "\"100 and over\", \"unknown\"). The age is the year taken minus the birth year; it is "
                    + "\"unknown\" when either is missing. Every category, state and age group is listed, with 0 "
                    + "where there is none. `byYearTaken` counts by the year of `dateTaken`: the years present, in order, "
                    + "then \"unknown\". Counts only: no names, no case ids. Counts only the cases the caller's "
                    + "organisation may see: those it owns and those shared with it.")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(
            schema = @Schema(implementation = CaseStatistics.Statistics.class),
            examples = @ExampleObject(name = "figures", value = """
                    {"total": 3,
                     "byState": {"REPORTED": 1, "IN_CUSTODY": 0, "INTENT_STATED": 0, "TRANSFER_PENDING": 0,
                                 "TRANSFERRED": 2, "RESETTLED": 0, "RETURNED": 0, "DECEASED": 0, "CLOSED": 0},
                     "byAgeGroupWhenTaken": {"under 10": 0, "10s": 0, "20s": 2, "30s": 0, "40s": 0, "50s": 0,
                                             "60s": 0, "70s": 0, "80s": 0, "90s": 0, "100 and over": 0, "unknown": 1},
                     "byCategory": [{"category": "NORTH_KOREAN_POW", "total": 2,
                                     "byState": {"REPORTED": 0, "TRANSFERRED": 2},
                                     "byAgeGroupWhenTaken": {"20s": 2}}],
                     "byYearTaken": {"2025": 2, "unknown": 1},
                     "asOf": "2026-11-30T05:00:00Z"}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The token does not carry the role `caseworker`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "422", description = "An unknown `category`, named in `errors`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = INVALID_CATEGORY)))
    @APIResponse(responseCode = "500", description = "An unexpected failure, logged under the incident id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "internal", value = INTERNAL)))
    @APIResponse(responseCode = "503", description = "The database did not answer in time; send again after "
            + "Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "dependency-unavailable", value = UNAVAILABLE)))
    public CaseStatistics.Statistics get(
            @Parameter(description = "Only this category",
                    schema = @Schema(type = SchemaType.STRING, implementation = Category.class))
            @QueryParam("category") String category) {
        Category only = Params.enumValue("category", category, Category.class);
        return statistics.compute(only, caller.require().organisation());
    }
}
