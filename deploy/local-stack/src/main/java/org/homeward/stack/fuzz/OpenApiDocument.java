package org.homeward.stack.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A committed OpenAPI 3 document ({@code docs/openapi/*.yaml}) read at test time: its operations and schemas. */
public final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument read(Path yaml) {
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation, in the document's order. */
    public List<ApiOperation> operations() {
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    private ApiOperation operation(String method, String path, JsonNode op) {
        List<String> roles = new ArrayList<>();
        op.path("security").forEach(requirement -> requirement.fields()
                .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
        List<ApiOperation.Parameter> parameters = new ArrayList<>();
        op.path("parameters").forEach(p -> {
            JsonNode parameter = resolve(p);
            parameters.add(new ApiOperation.Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                    parameter.path("required").asBoolean(false), resolve(parameter.path("schema"))));
        });
        Map<String, ApiOperation.Body> bodies = new LinkedHashMap<>();
        resolve(op.path("requestBody")).path("content").fields().forEachRemaining(content -> {
            List<JsonNode> examples = new ArrayList<>();
            content.getValue().path("examples").forEach(example -> examples.add(resolve(example).path("value")));
            if (content.getValue().has("example")) {
                examples.add(content.getValue().get("example"));
            }
            bodies.put(content.getKey(), new ApiOperation.Body(content.getValue().path("schema"), examples));
        });
        List<String> produces = new ArrayList<>();
        boolean[] bulk = {false};
        op.path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("2")) {
                resolve(response.getValue()).path("content").fields().forEachRemaining(content -> {
                    produces.add(content.getKey());
                    bulk[0] |= content.getValue().path("schema").path("$ref").asText().endsWith("/BulkResult");
                });
            }
        });
        return new ApiOperation(method, path, op.path("operationId").asText(), List.copyOf(roles),
                List.copyOf(parameters), bodies, List.copyOf(produces), bulk[0]);
    }

    /** Follows {@code $ref} (local references only) until a node without one. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("a $ref cycle at " + node.get("$ref").asText());
            }
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are read: " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    /**
     * The schema of an object value: {@code schema} itself, or where it is a {@code oneOf} with a discriminator, the
     * branch the value's discriminator property names (else the first branch that declares all the value's fields).
     */
    public JsonNode objectSchema(JsonNode schema, JsonNode value) {
        JsonNode resolved = resolve(schema);
        JsonNode discriminator = resolved.path("discriminator");
        if (discriminator.has("propertyName") && value != null && value.isObject()) {
            String chosen = value.path(discriminator.get("propertyName").asText()).asText(null);
            JsonNode ref = chosen == null ? null : discriminator.path("mapping").get(chosen);
            if (ref != null) {
                return resolve(((ObjectNode) new ObjectMapper().createObjectNode()).put("$ref", ref.asText()));
            }
        }
        for (String composite : List.of("oneOf", "anyOf")) {
            if (resolved.has(composite)) {
                for (JsonNode branch : resolved.get(composite)) {
                    JsonNode candidate = resolve(branch);
                    boolean declaresAll = true;
                    for (Iterator<String> names = value == null ? List.<String>of().iterator() : value.fieldNames();
                            names.hasNext();) {
                        declaresAll &= candidate.path("properties").has(names.next());
                    }
                    if (declaresAll) {
                        return candidate;
                    }
                }
            }
        }
        return resolved;
    }
}
