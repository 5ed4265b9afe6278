package org.homeward.stack.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One operation of an OpenAPI document, as the fuzzer needs it: where it is, who may call it, what it takes and what
 * it answers. Schemas are the document's own nodes; {@link OpenApiDocument#resolve} follows their references.
 *
 * @param bodies the request body's media types, each with its schema and examples (empty: the operation takes none)
 * @param produces the media types of its 2xx answers
 * @param bulk whether it answers 200 with a result per item ({@code BulkResult}), refused items included
 */
public record ApiOperation(String method, String path, String operationId, List<String> roles, List<Parameter> parameters,
        Map<String, Body> bodies, List<String> produces, boolean bulk) {

    /** A path, query or header parameter. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** A request body of one media type: its schema and the examples the document gives. */
    public record Body(JsonNode schema, List<JsonNode> examples) {
    }

    /** {@code POST /api/v1/cases}. */
    public String name() {
        return method + " " + path;
    }

    public List<Parameter> parameters(String in) {
        return parameters.stream().filter(p -> p.in().equals(in)).toList();
    }
}
