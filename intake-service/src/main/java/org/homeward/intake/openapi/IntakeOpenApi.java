package org.homeward.intake.openapi;

import static org.eclipse.microprofile.openapi.OASFactory.createAPIResponse;
import static org.eclipse.microprofile.openapi.OASFactory.createContact;
import static org.eclipse.microprofile.openapi.OASFactory.createContent;
import static org.eclipse.microprofile.openapi.OASFactory.createExample;
import static org.eclipse.microprofile.openapi.OASFactory.createHeader;
import static org.eclipse.microprofile.openapi.OASFactory.createMediaType;
import static org.eclipse.microprofile.openapi.OASFactory.createParameter;
import static org.eclipse.microprofile.openapi.OASFactory.createSchema;
import static org.eclipse.microprofile.openapi.OASFactory.createTag;
import static org.homeward.intake.openapi.WireSchemas.REF;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.homeward.intake.batch.domain.BatchIntake;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemType;
import org.homeward.support.ratelimit.RateLimitOpenApi;

/**
 * Completes the intake API's OpenAPI document, the contract partners generate clients from: the typed request
 * schemas ({@link WireSchemas}), the caller and idempotency headers, and every error response with the problem schema
 * and an example. Operations, summaries, descriptions and success examples are annotated on the resources.
 */
public class IntakeOpenApi implements OASFilter {

    static final String MAX_BODY = "2 MB";
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    static final String CASE_ID = "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47";
    static final String UNKNOWN_EVENT_DETAIL = "The event to retract is not an event of this case that intake knows; "
            + "nothing was published. An event is known once intake has read it back from Kafka, usually within a "
            + "second of its 202: if it was sent a moment ago, send the retraction again.";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        for (String unused : List.of("JsonNode", "JsonNodeType", "Page")) {
            components.removeSchema(unused);
        }
        components.addSchema("UUID", WireSchemas.uuid());
        components.addHeader("Access-Control-Allow-Origin", createHeader().description("Sent only on requests from a "
                + "browser origin listed in `quarkus.http.cors.origins` (none by default: intake is for partners' "
                + "servers, and browsers of other origins are refused)")
                .schema(createSchema().addType(SchemaType.STRING).format("uri").maxLength(300)));
        RateLimitOpenApi.addHeaderComponents(components, "events");
        WireSchemas.all().forEach(components::addSchema);

        openAPI.getInfo().description(DESCRIPTION)
                .contact(createContact().name("Homeward maintainers").url("https://homeward.org"));
        openAPI.tags(List.of(
                createTag().name("Cases").description("Open cases for persons, one at a time or from a list"),
                createTag().name("Events").description("Report what happens to a person, one event or many")));

        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(this::complete));
    }

    private void complete(Operation operation) {
        String id = operation.getOperationId();
        if (id == null) {
            return;
        }
        List<Parameter> parameters = new ArrayList<>();
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> p.getIn() == Parameter.In.PATH).forEach(p -> {
                p.schema(createSchema().ref(REF + "UUID"));
                parameters.add(p);
            });
        }
        parameters.add(header("Idempotency-Key", false, "A key of your choice (e.g. a UUID) that makes a retry safe "
                + "for 24 hours: the same key with the same request answers the same ids and publishes nothing "
                + "new; the same key with another request answers 422; while a request with the key is in progress "
                + "another answers 409. Keys belong to the organisation.", 200, "^[\\x21-\\x7E]{1,200}$",
                "5b0e7c1a-3d2f-4e6a-9b8c-7d6e5f4a3b2c"));
        operation.setParameters(parameters);

        switch (id) {
            case "openCase" -> body(operation, "application/json", createSchema().ref(REF + WireSchemas.OPEN_CASE));
            case "reportEvent" -> body(operation, "application/json", createSchema().ref(REF + WireSchemas.CASE_EVENT));
            case "reportEvents" -> {
                body(operation, "application/json", createSchema().addType(SchemaType.ARRAY).minItems(1)
                        .maxItems(BatchIntake.MAX_ITEMS).items(createSchema().ref(REF + WireSchemas.BATCH_EVENT)));
                body(operation, "application/x-ndjson", text("NDJSON: one BatchEvent JSON object a line (blank lines "
                        + "are skipped), at most " + BatchIntake.MAX_ITEMS + " events"));
                operation.getRequestBody().getContent().getMediaType("application/x-ndjson").addExample(
                        "soldiers-ndjson", createExample().summary("Two soldiers' captures as NDJSON").value("""
                                {"caseId": "3f1c2b9e-8d4a-4c57-9e0b-6a2f5d8c1e47", "type": "CAPTURED", \
                                "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine"}
                                {"caseId": "9a7d5c3e-1b2f-4a6d-8e0c-5f4b3a2d1c0e", "type": "CAPTURED", \
                                "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine"}
                                """));
            }
            case "eraseCase" -> body(operation, "application/json", createSchema().addType(SchemaType.OBJECT)
                    .additionalPropertiesBoolean(false).required(List.of("reason"))
                    .addProperty("reason", createSchema().addType(SchemaType.STRING)
                            .description("Why the case is erased: a code, never free text")
                            .enumeration(java.util.Arrays.stream(org.homeward.events.ErasureReason.values())
                                    .map(r -> (Object) r.name()).toList())));
            case "importPersons" -> body(operation, "text/csv", text("CSV (RFC 4180, UTF-8): a header row naming the "
                    + "columns, then one person a row, at most " + BatchIntake.MAX_ITEMS + " rows"));
            default -> {
                return;
            }
        }
        APIResponses responses = operation.getResponses();
        boolean bulk = id.equals("reportEvents") || id.equals("importPersons");
        if (bulk) {
            responses.getAPIResponse("200").addHeader("Retry-After", retryAfter("Present when items were refused "
                    + "because Kafka did not store them: send those again after this many seconds"));
        } else {
            responses.getAPIResponse("202").addHeader("Idempotent-Replayed", createHeader()
                    .description("`true` when this answer repeats an earlier request's with the same Idempotency-Key")
                    .schema(createSchema().addType(SchemaType.STRING).enumeration(List.of("true"))));
        }
        errors(id, bulk).forEach(responses::addAPIResponse);
        responses.getAPIResponses().values().forEach(response -> response.addHeader("Access-Control-Allow-Origin",
                createHeader().ref("#/components/headers/Access-Control-Allow-Origin")));
        RateLimitOpenApi.addHeaders(responses);
    }

    private static Map<String, APIResponse> errors(String id, boolean bulk) {
        String instance = switch (id) {
            case "openCase" -> "/api/v1/cases";
            case "reportEvent" -> "/api/v1/cases/" + CASE_ID + "/events";
            case "reportEvents" -> "/api/v1/events:batch";
            case "eraseCase" -> "/api/v1/cases/" + CASE_ID + "/erasure";
            default -> "/api/v1/cases:import";
        };
        Map<String, APIResponse> errors = new LinkedHashMap<>();
        Map<String, Example> badRequest = new LinkedHashMap<>();
        if (id.equals("importPersons")) {
            badRequest.put("malformed-csv", problem(ProblemType.MALFORMED_CSV, "The body is not CSV: a quote opened "
                    + "here never closes (line 7)", instance, "line 7", "a quote opened here never closes"));
        } else {
            badRequest.put("malformed-json", problem(ProblemType.MALFORMED_JSON, bulk
                    ? "The body must be a JSON array of events (or send application/x-ndjson: one event a line)"
                    : "The body could not be parsed as JSON", instance, null, null));
        }
        errors.put("400", problemResponse("The body is not well-formed", badRequest, null));
        errors.put("401", problemResponse("No bearer token, or one that is expired, wrongly signed or from another "
                + "issuer", Map.of("unauthorized", problem(ProblemType.UNAUTHORIZED, "Send Authorization: Bearer "
                + "<token> with a valid, unexpired token from the configured issuer", instance, null, null)),
                null));
        Map<String, Example> forbidden = new LinkedHashMap<>();
        forbidden.put("forbidden", problem(ProblemType.FORBIDDEN, "The token's roles or organisation do not allow "
                + "this operation", instance, null, null));
        if (id.equals("reportEvent")) {
            forbidden.put("retraction-forbidden", problem(ProblemType.FORBIDDEN, "An event may be retracted only by a "
                    + "reporter of the organisation that reported it or by an admin of the organisation that opened "
                    + "the case", instance, "/eventId", "needs the reporter role of the event's organisation or the "
                    + "admin role of the case's owner"));
        }
        errors.put("403", problemResponse(id.equals("reportEvent") ? "The token names no organisation or lacks the "
                + "role the event takes: `reporter` for every event but CASE_SHARED, CASE_UNSHARED and "
                + "EVENT_RETRACTED; `admin` of the organisation that opened the case for CASE_SHARED and "
                + "CASE_UNSHARED; for EVENT_RETRACTED, `reporter` of the organisation that reported the retracted "
                + "event or `admin` of the case's owner (`errors` names `/eventId`)" : "The token lacks the "
                + (id.equals("reportEvents") ? "reporter or admin" : id.equals("eraseCase")
                ? "admin role, or its organisation is not the one that opened the case" : "reporter")
                + " role or names no organisation",
                forbidden, null));
        if (id.equals("eraseCase")) {
            errors.put("404", problemResponse("The case does not exist, or the token's organisation may not see it: "
                    + "the same answer for both", Map.of("case-not-found", problem(ProblemType.CASE_NOT_FOUND,
                    "No case " + CASE_ID + " exists; open it with POST /api/v1/cases first", instance, "caseId",
                    "is not a known case")), null));
            errors.put("410", problemResponse("The case was erased, and the caller is not its owner's admin (who is "
                    + "answered 202 again)", Map.of("case-erased", problem(ProblemType.CASE_ERASED, "Case " + CASE_ID
                    + " was erased by its owner; it takes no more events", instance, "caseId",
                    "names an erased case")), null));
        }
        if (id.equals("reportEvent")) {
            errors.put("410", problemResponse("The case was erased by its owner (CASE_ERASED): it takes no more "
                    + "events; nothing was published", Map.of("case-erased", problem(ProblemType.CASE_ERASED, "Case "
                    + CASE_ID + " was erased by its owner; it takes no more events", instance, "caseId",
                    "names an erased case")), null));
            errors.put("404", problemResponse("The case does not exist, or the token's organisation may not report "
                    + "on it (it is neither its owner nor shared with it): the same answer for both, so that nothing "
                    + "tells another organisation's case exists", Map.of("case-not-found",
                    problem(ProblemType.CASE_NOT_FOUND, "No case " + CASE_ID + " exists; open it with POST "
                            + "/api/v1/cases first", instance, "caseId", "is not a known case")), null));
        }
        Map<String, Example> conflict = new LinkedHashMap<>();
        conflict.put("idempotency-key-in-flight", problem(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT, "Another request "
                + "with this Idempotency-Key is being processed; send yours again when it is answered", instance,
                "Idempotency-Key", "is in use"));
        if (id.equals("reportEvent")) {
            conflict.put("already-retracted", problem(ProblemType.CONFLICT, "The event was already retracted; nothing "
                    + "was published", instance, "/eventId", "was already retracted"));
        }
        errors.put("409", problemResponse("Another request with the same Idempotency-Key is in progress; send this "
                + "one again when it is answered" + (id.equals("reportEvent") ? ". Or (`conflict`, without "
                + "`Retry-After`) the EVENT_RETRACTED names an event that was already retracted" : ""), conflict,
                retryAfter("Seconds to wait before sending the request again" + (id.equals("reportEvent")
                        ? " (idempotency-key-in-flight only)" : ""))));
        Map<String, Example> tooLarge = new LinkedHashMap<>();
        tooLarge.put("payload-too-large", problem(ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds the limit of 2MB",
                instance, null, null));
        if (bulk) {
            tooLarge.put("too-many-items", problem(ProblemType.TOO_MANY_ITEMS, "A request holds at most 1000 events; "
                    + "this one holds 1200. Split it; nothing was published.", instance, null, null));
        }
        errors.put("413", problemResponse("The body is larger than " + MAX_BODY + (bulk ? ", or holds more than "
                + BatchIntake.MAX_ITEMS + " items" : "") + "; nothing was published", tooLarge, null));
        errors.put("415", problemResponse("The body's content type is not one this operation takes", Map.of(
                "unsupported-media-type", problem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "This operation does not take this content type; its OpenAPI document lists the ones it takes",
                        instance, null, null)), null));
        Map<String, Example> invalid = new LinkedHashMap<>();
        if (bulk) {
            invalid.put("validation", problem(ProblemType.VALIDATION, id.equals("importPersons")
                    ? "The header row is not valid; nothing was imported" : "1 field is not valid", instance,
                    id.equals("importPersons") ? "eye colour" : "", id.equals("importPersons")
                            ? "is not a known column" : "must hold at least one of the events"));
        } else {
            invalid.put("validation", id.equals("eraseCase") ? problem(ProblemType.VALIDATION, "1 field is not valid",
                    instance, "/reason", "is required; one of CONSENT_WITHDRAWN, LEGAL_ORDER, SAFETY, OPENED_IN_ERROR")
                    : problem(ProblemType.VALIDATION, "2 fields are not valid", instance,
                    id.equals("openCase") ? "/person/hangulName" : "/heldBy", id.equals("openCase")
                            ? "a Hangul name or at least one romanised name is required" : "must not be blank"));
        }
        if (id.equals("reportEvent")) {
            invalid.put("unknown-event-type", problem(ProblemType.UNKNOWN_EVENT_TYPE, "Valid types: CAPTURED, "
                    + "LETTER_RECEIVED, DEFECTION_INTENT_STATED, TRANSFER_REQUESTED, TRANSFERRED, RESETTLED, RETURNED, "
                    + "DEATH_REPORTED, PROOF_OF_LIFE, FAMILY_CONTACT, NOTE_ADDED, CASE_CLOSED, CASE_REOPENED, "
                    + "CASE_SHARED, CASE_UNSHARED, EVENT_RETRACTED", instance, "/type", "is not a known event type"));
            invalid.put("unknown-event", problem(ProblemType.UNKNOWN_EVENT, UNKNOWN_EVENT_DETAIL, instance,
                    "/eventId", "is not a known event of this case"));
            invalid.put("event-not-retractable", problem(ProblemType.EVENT_NOT_RETRACTABLE, "A retraction cannot be "
                    + "retracted; report the event again instead", instance, "/eventId", "is a retraction"));
        }
        invalid.put("idempotency-key-reused", problem(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was "
                + "used for a different request; choose a new key for a new request", instance, "Idempotency-Key",
                "was used for a different request"));
        errors.put("422", problemResponse(bulk ? "The request as a whole is not valid (items are answered in the "
                + "200 answer)" : "Fields are not valid, each named by JSON pointer; nothing was published"
                + (id.equals("reportEvent") ? ". For EVENT_RETRACTED also: `unknown-event` when `eventId` is not an "
                + "event of this case that intake knows (the same answer for an event of another case; an event "
                + "sent a moment ago may not be known yet: send the retraction again after a moment), "
                + "`event-not-retractable` when it names a retraction or a sharing event" : ""), invalid, null));
        errors.put("429", problemResponse("The organisation sent more events than its quota (a batch or import "
                + "counts each item); nothing was published. Send the request again after Retry-After seconds.",
                Map.of("too-many-requests", problem(ProblemType.TOO_MANY_REQUESTS, "This organisation sent more "
                        + "requests than its quota (2000 at once, then 50.0 a second; a request of several items "
                        + "counts each); nothing was done. Send the request again after Retry-After seconds.", instance,
                        null, null)),
                retryAfter("Seconds until the quota holds enough for this request")));
        errors.put("500", problemResponse("An unexpected failure; the detail carries an incident id that is also in "
                + "intake's log", Map.of("internal", problem(ProblemType.INTERNAL, "Incident "
                + "0d7c6b5a-4f3e-4d2c-9b1a-8f7e6d5c4b3a was logged; quote it to support", instance, null, null)), null));
        Map<String, Example> unavailable = new LinkedHashMap<>();
        if (!bulk) {
            unavailable.put("outcome-unknown", problem(ProblemType.OUTCOME_UNKNOWN, "Kafka did not acknowledge the "
                    + "event in time, and it may have stored it all the same: whether it was stored is not known. Send "
                    + "the same request again after the Retry-After delay with the same Idempotency-Key: intake then "
                    + "finds the event if Kafka has it and answers with its ids, or publishes it, so it is stored once "
                    + "either way.", instance, null, null));
            unavailable.put("broker-unavailable", problem(ProblemType.BROKER_UNAVAILABLE, "Kafka did not store the "
                    + "event (the producer could not send it, or the broker refused it); nothing was published. Send "
                    + "it again after the Retry-After delay.", instance, null, null));
        }
        unavailable.put("dependency-unavailable", problem(ProblemType.DEPENDENCY_UNAVAILABLE, "Intake's database did "
                + "not answer in time; nothing was published. Send the request again after the Retry-After delay "
                + "(with the same Idempotency-Key, if it had one).", instance, null, null));
        errors.put("503", problemResponse((bulk ? "Intake's database did not answer in time (within 10 s)"
                : "Kafka did not acknowledge the event within the bound (about 3 s, at most 7 s): `outcome-unknown` "
                + "when it may have stored it all the same (retry with the same Idempotency-Key), `broker-unavailable` "
                + "when it certainly did not; or intake's database did not answer in time (within 10 s): "
                + "`dependency-unavailable`") + ". Retry after Retry-After seconds.", unavailable,
                retryAfter("Seconds to wait before sending the request again")));
        return errors;
    }

    private static APIResponse problemResponse(String description, Map<String, Example> examples, Header retryAfter) {
        MediaType media = createMediaType().schema(createSchema().ref(REF + "Problem")).examples(examples);
        APIResponse response = createAPIResponse().description(description)
                .content(createContent().addMediaType(Problem.MEDIA_TYPE, media));
        if (retryAfter != null) {
            response.addHeader("Retry-After", retryAfter);
        }
        return response;
    }

    private static Example problem(ProblemType type, String detail, String instance, String pointer,
            String fieldDetail) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type.uri().toString());
        value.put("title", type.title());
        value.put("status", type.status());
        value.put("detail", detail);
        value.put("instance", instance);
        if (pointer != null) {
            Map<String, Object> error = new LinkedHashMap<>(); // in a stable order: the committed document is compared
            error.put("pointer", pointer);
            error.put("detail", fieldDetail);
            value.put("errors", List.of(error));
        }
        return createExample().summary(type.title()).value(value);
    }

    private static Header retryAfter(String description) {
        return createHeader().description(description).schema(createSchema().addType(SchemaType.INTEGER)
                .format("int32").minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(3600)));
    }

    private static Parameter header(String name, boolean required, String description, int maxLength, String pattern,
            String example) {
        Schema schema = createSchema().addType(SchemaType.STRING).minLength(1).maxLength(maxLength);
        if (pattern != null) {
            schema.pattern(pattern);
        }
        return createParameter().name(name).in(Parameter.In.HEADER).required(required).description(description)
                .schema(schema).example(example);
    }

    private static Schema text(String description) {
        return createSchema().addType(SchemaType.STRING).maxLength(MAX_BODY_BYTES).description(description);
    }

    private static void body(Operation operation, String mediaType, Schema schema) {
        Content content = operation.getRequestBody().getContent();
        MediaType media = content.getMediaType(mediaType);
        if (media == null) {
            media = createMediaType();
            content.addMediaType(mediaType, media);
        }
        media.schema(schema);
    }

    static final String DESCRIPTION = """
            The door through which partner organisations (NGOs, defector organisations, families' unions, the Red \
            Cross, ministries, lawyers) write to Homeward: open a case for a person, report what happens to them, one \
            event at a time or in bulk.

            **What 202 means.** Intake answers `202` (and `ACCEPTED` for a bulk item) only once Kafka stored the event \
            with every in-sync replica's acknowledgement. The case service takes it moments later; read the case \
            there.

            **Who calls.** Every request carries `Authorization: Bearer <token>`: a JWT from the OIDC provider the \
            operator configures (partners' systems use the client credentials flow). The token names the \
            organisation and the roles; reporting needs the `reporter` role. Every event records the organisation \
            and the token's subject.

            **Retries.** Send an `Idempotency-Key` with every write. A retry with the same key and the same request \
            answers the same ids and publishes nothing new, for at least 24 hours; the same key with another request \
            answers `422 idempotency-key-reused`; while a request with the key is in progress, another answers `409`.

            **Limits.** A body is at most 2 MB; a batch or import at most 1,000 items. Names at most 200 characters, \
            places 300, notes 10,000 (see each schema). Each organisation has a quota of events (by default 2,000 at \
            once, then 50 a second; a batch or import counts each item): over it, intake answers `429` with \
            `Retry-After` and publishes nothing. Every counted answer carries `RateLimit-Limit`, \
            `RateLimit-Remaining` and `RateLimit-Reset`.

            **Who may report.** A case belongs to the organisation that opened it; its reporters, and those of the \
            organisations it is shared with (`CASE_SHARED`, sent by an `admin` of the owner), may add events. Any \
            other case answers `404`, exactly like a case that does not exist.

            **Retractions.** An event reported in error is taken back with `EVENT_RETRACTED` naming its `eventId`, \
            by a reporter of the organisation that reported it or an admin of the case's owner. Intake checks it \
            against the events it has read back from Kafka (usually within a second of their `202`) and refuses, \
            naming `/eventId`: an event it does not know in this case (`422 unknown-event`; just sent: retry after \
            a moment), a retraction or a sharing event (`422 event-not-retractable`), an event retracted already \
            (`409 conflict`), a caller who may not retract it (`403 forbidden`).

            **Errors** are `application/problem+json` (RFC 9457) with a stable `type` URI and, for each failing \
            field, a JSON pointer into the body (or the header, parameter or column name). They never echo what was \
            sent. When Kafka does not store an event within about 3 seconds (7 at most), intake answers `503` with \
            `Retry-After` and has published nothing.""";
}
