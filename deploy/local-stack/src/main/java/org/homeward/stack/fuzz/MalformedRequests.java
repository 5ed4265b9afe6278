package org.homeward.stack.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Derives malformed requests from an operation of an OpenAPI document: its path, query and header parameters and its
 * request body's schema and examples. Every request breaks exactly one rule the document states (or one of HTTP's or
 * JSON's), so that it is certainly invalid: a value of the wrong JSON type, a required field left out, a field the
 * schema does not allow, a string over its {@code maxLength}, a control character in a string, a UUID, date or
 * enumeration value that is none, a number out of its range, nesting deeper than any reader takes, broken JSON or
 * CSV, a content type the operation does not take, an {@code Accept} it cannot answer, a body over the service's
 * limit. Values that a lenient reader could still take for valid (an empty query parameter, which means absent; a
 * number where a date belongs, which Jackson reads as an epoch day) are never generated.
 *
 * <p>Bodies start from the document's examples; a bulk body (an array, NDJSON or CSV) is cut to a single item first,
 * so that a broken item leaves nothing valid beside it. Deterministic for a given {@link Random}.
 */
public final class MalformedRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String JSON_TYPE = "application/json";
    private static final String NESTED = "\u0001nested\u0001";
    /** Content types no operation of Homeward takes. */
    private static final List<String> FOREIGN_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=homeward", "application/octet-stream",
            "image/png", "application/pdf", "application/yaml");
    /** Control characters (Unicode Cc) that no field takes, not even free text; and noncharacters. */
    private static final String FORBIDDEN = "\u0000\u0001\u0002\u0007\u0008\u000b\u000c\u000e\u001b\u001f\u007f"
            + "\u0080\u0085\u009f\ufdd0\ufffe\uffff";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ김광원리철이선옥";

    private final OpenApiDocument document;
    private final Map<String, String> pathValues;
    private final int bodyLimit;
    private final Random random;

    /**
     * @param pathValues valid values of path parameters by name (an existing case's id), so that a request is refused
     *        for what was broken and not because the resource is unknown; other path parameters get random UUIDs
     * @param bodyLimit the service's body limit in bytes: the oversized bodies exceed it
     */
    public MalformedRequests(OpenApiDocument document, Map<String, String> pathValues, int bodyLimit, Random random) {
        this.document = document;
        this.pathValues = Map.copyOf(pathValues);
        this.bodyLimit = bodyLimit;
        this.random = random;
    }

    /** {@code count} malformed requests for {@code operation}, each breaking one rule picked at random. */
    public List<FuzzRequest> forOperation(ApiOperation operation, int count) {
        List<Supplier<FuzzRequest>> kinds = kinds(operation);
        if (kinds.isEmpty()) {
            throw new IllegalStateException(operation.name() + " offers nothing to break");
        }
        List<FuzzRequest> requests = new ArrayList<>(count);
        while (requests.size() < count) {
            FuzzRequest request = kinds.get(random.nextInt(kinds.size())).get();
            // Bodies over the limit and batches over 1,000 items cost the most to send and to refuse: a quarter as
            // many of them.
            boolean costly = request.kind().endsWith(".oversized") || request.kind().endsWith(".too-many-items");
            if (!costly || random.nextInt(4) == 0) {
                requests.add(request);
            }
        }
        return requests;
    }

    private List<Supplier<FuzzRequest>> kinds(ApiOperation op) {
        List<Supplier<FuzzRequest>> kinds = new ArrayList<>();
        for (ApiOperation.Parameter p : op.parameters("path")) {
            kinds.add(() -> request(op, "path.bad-uuid " + p.name(), Map.of(p.name(), badUuid(true)), "", Map.of(),
                    validBody(op)));
        }
        for (ApiOperation.Parameter p : op.parameters("query")) {
            List<Supplier<String>> values = badQueryValues(p.schema());
            for (Supplier<String> value : values) {
                kinds.add(() -> request(op, "query.bad-value " + p.name(), Map.of(),
                        p.name() + "=" + encode(value.get()), Map.of(), validBody(op)));
            }
            kinds.add(() -> request(op, "query.control-character " + p.name(), Map.of(),
                    p.name() + "=" + encode(withForbidden(validQueryValue(p.schema()))), Map.of(), validBody(op)));
        }
        for (ApiOperation.Parameter p : op.parameters("header")) {
            if (p.schema().has("pattern") || p.schema().has("maxLength")) {
                kinds.add(() -> request(op, "header.bad-value " + p.name(), Map.of(), "",
                        Map.of(p.name(), badHeaderValue(p.schema())), validBody(op)));
            }
        }
        if (!op.produces().isEmpty()) {
            kinds.add(() -> {
                FuzzRequest valid = request(op, "accept.unacceptable", Map.of(), "", Map.of(), validBody(op));
                Map<String, String> headers = new LinkedHashMap<>(valid.headers());
                headers.put("Accept", unacceptable(op.produces()));
                return new FuzzRequest(valid.mutation(), valid.method(), valid.path(), valid.query(), headers,
                        valid.contentType(), valid.body());
            });
        }
        op.bodies().forEach((type, body) -> {
            if (type.equals(JSON_TYPE)) {
                jsonKinds(op, body, kinds);
            } else if (type.equals("application/x-ndjson")) {
                ndjsonKinds(op, body, kinds);
            } else if (type.equals("text/csv")) {
                csvKinds(op, body, kinds);
            }
            kinds.add(() -> withBody(op, "body.wrong-content-type", foreignType(op), exampleBytes(type, body)));
            kinds.add(() -> withBody(op, "body.oversized", type, oversized(type, body)));
        });
        return kinds;
    }

    // ---- JSON bodies ----------------------------------------------------------------------------------------------

    private void jsonKinds(ApiOperation op, ApiOperation.Body body, List<Supplier<FuzzRequest>> kinds) {
        JsonNode schema = document.resolve(body.schema());
        for (BodyMutation mutation : BodyMutation.values()) {
            kinds.add(() -> {
                JsonNode value = singleItem(schema, example(body));
                Mutated mutated = mutation.apply(this, schema, value);
                return mutated == null ? brokenJson(op, schema, value)
                        : withBody(op, "body." + mutated.what(), JSON_TYPE, utf8(mutated.text()));
            });
        }
        kinds.add(() -> brokenJson(op, schema, singleItem(schema, example(body))));
    }

    private void ndjsonKinds(ApiOperation op, ApiOperation.Body body, List<Supplier<FuzzRequest>> kinds) {
        ApiOperation.Body json = op.bodies().get(JSON_TYPE);
        JsonNode itemSchema = json == null ? NODES.objectNode() : document.resolve(document.resolve(json.schema()).path("items"));
        for (BodyMutation mutation : BodyMutation.values()) {
            kinds.add(() -> {
                JsonNode line = firstLine(body);
                Mutated mutated = mutation.apply(this, itemSchema, line);
                return mutated == null ? brokenLine(op, line)
                        : withBody(op, "ndjson." + mutated.what(), "application/x-ndjson", utf8(mutated.text() + "\n"));
            });
        }
        kinds.add(() -> brokenLine(op, firstLine(body)));
    }

    private FuzzRequest brokenLine(ApiOperation op, JsonNode line) {
        String text = write(line);
        int cut = 1 + random.nextInt(text.length() - 1);
        return withBody(op, "ndjson.broken-line", "application/x-ndjson", utf8(text.substring(0, cut) + "\n"));
    }

    private JsonNode firstLine(ApiOperation.Body body) {
        String text = example(body).asText();
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
        JsonNode line = read(first);
        substituteIds(line);
        return line;
    }

    /** A bulk body (an array) is cut to one item; ids of known resources are put in. */
    private JsonNode singleItem(JsonNode schema, JsonNode example) {
        JsonNode value = example.deepCopy();
        if (value.isArray() && value.size() > 1) {
            JsonNode one = value.get(random.nextInt(value.size()));
            value = NODES.arrayNode().add(one.deepCopy());
        }
        substituteIds(value);
        return value;
    }

    /** Fields named like a path parameter with a known value ({@code caseId}) get that value. */
    private void substituteIds(JsonNode value) {
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            pathValues.forEach((name, id) -> {
                if (object.has(name) && object.get(name).isTextual()) {
                    object.put(name, id);
                }
            });
            object.forEach(this::substituteIds);
        } else if (value.isArray()) {
            value.forEach(this::substituteIds);
        }
    }

    /** One body mutation: answers null when the body offers no place for it (the caller breaks the JSON instead). */
    private enum BodyMutation {
        WRONG_TYPE {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.slots(schema, value), s -> true);
                if (slot == null) {
                    return null;
                }
                slot.replace(g.wrongType(slot.schema(), slot.value()));
                return new Mutated("wrong-type " + slot.pointer(), write(value));
            }
        },
        MISSING_REQUIRED {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.objects(schema, value), s -> !s.presentRequired().isEmpty());
                if (slot == null) {
                    return null;
                }
                List<String> required = slot.presentRequired();
                String field = required.get(g.random.nextInt(required.size()));
                ((ObjectNode) slot.value()).remove(field);
                return new Mutated("missing-required " + slot.pointer() + "/" + field, write(value));
            }
        },
        EXTRA_PROPERTY {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.objects(schema, value),
                        s -> s.schema().path("additionalProperties").isBoolean()
                                && !s.schema().path("additionalProperties").asBoolean());
                if (slot == null) {
                    return null;
                }
                String name = "zz" + g.word(1 + g.random.nextInt(12));
                ((ObjectNode) slot.value()).set(name, g.random.nextBoolean() ? TextNode.valueOf(g.word(5))
                        : IntNode.valueOf(g.random.nextInt()));
                return new Mutated("extra-property " + slot.pointer() + "/" + name, write(value));
            }
        },
        HUGE_STRING {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.slots(schema, value), s -> s.value().isTextual() && s.schema().has("maxLength")
                        && s.schema().get("maxLength").asInt() < 100_000);
                if (slot == null) {
                    return null;
                }
                int max = slot.schema().get("maxLength").asInt();
                slot.replace(TextNode.valueOf(g.word(max + 1 + g.random.nextInt(2_000))));
                return new Mutated("huge-string " + slot.pointer(), write(value));
            }
        },
        CONTROL_CHARACTER {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.slots(schema, value), s -> s.value().isTextual());
                if (slot == null) {
                    return null;
                }
                slot.replace(TextNode.valueOf(g.withForbidden(slot.value().asText())));
                return new Mutated("control-character " + slot.pointer(), write(value));
            }
        },
        BAD_FORMAT {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.slots(schema, value), s -> s.value().isTextual() && g.badFormat(s.schema()) != null);
                if (slot == null) {
                    return null;
                }
                slot.replace(TextNode.valueOf(g.badFormat(slot.schema()).get()));
                return new Mutated("bad-format " + slot.pointer(), write(value));
            }
        },
        OUT_OF_RANGE {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.slots(schema, value), s -> s.value().isIntegralNumber()
                        && (s.schema().has("minimum") || s.schema().has("maximum")));
                if (slot == null) {
                    return null;
                }
                slot.replace(IntNode.valueOf(g.outOfRange(slot.schema())));
                return new Mutated("out-of-range " + slot.pointer(), write(value));
            }
        },
        DEEP_NESTING {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                Slot slot = g.pick(g.slots(schema, value), s -> true);
                if (slot == null) {
                    return null;
                }
                slot.replace(TextNode.valueOf(NESTED));
                int depth = 1_001 + g.random.nextInt(4_000);
                String open = g.random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String nested = open.repeat(depth) + "1" + close.repeat(depth);
                return new Mutated("deep-nesting " + slot.pointer(), write(value).replace(write(TextNode.valueOf(NESTED)),
                        nested));
            }
        },
        TOO_MANY_ITEMS {
            @Override
            Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value) {
                List<Slot> arrays = new ArrayList<>(g.slots(schema, value));
                arrays.add(new Slot("", null, null, schema, value));
                Slot slot = g.pick(arrays, s -> s.value().isArray() && s.value().size() > 0 && s.schema().has("maxItems"));
                if (slot == null) {
                    return null;
                }
                ArrayNode array = (ArrayNode) slot.value();
                int target = slot.schema().get("maxItems").asInt() + 1 + g.random.nextInt(3);
                JsonNode item = array.get(0);
                while (array.size() < target) {
                    array.add(item.deepCopy());
                }
                return new Mutated("too-many-items " + (slot.pointer().isEmpty() ? "/" : slot.pointer()), write(value));
            }
        };

        abstract Mutated apply(MalformedRequests g, JsonNode schema, JsonNode value);
    }

    private record Mutated(String what, String text) {
    }

    /** A place in a JSON value with the schema that governs it; {@code parent} is null for the root. */
    private record Slot(String pointer, JsonNode parent, Object key, JsonNode schema, JsonNode value) {

        void replace(JsonNode replacement) {
            if (parent instanceof ObjectNode object) {
                object.set((String) key, replacement);
            } else if (parent instanceof ArrayNode array) {
                array.set((Integer) key, replacement);
            } else {
                throw new IllegalStateException("the root is not replaced");
            }
        }

        List<String> presentRequired() {
            List<String> present = new ArrayList<>();
            schema.path("required").forEach(name -> {
                if (value.has(name.asText())) {
                    present.add(name.asText());
                }
            });
            return present;
        }
    }

    private <T> T pick(List<T> candidates, java.util.function.Predicate<T> filter) {
        List<T> fitting = candidates.stream().filter(filter).toList();
        return fitting.isEmpty() ? null : fitting.get(random.nextInt(fitting.size()));
    }

    /** Every value below the root, with its schema. */
    private List<Slot> slots(JsonNode schema, JsonNode value) {
        List<Slot> slots = new ArrayList<>();
        collect("", schema, value, slots, false);
        return slots;
    }

    /** Every object, the root included, with its (discriminated) schema. */
    private List<Slot> objects(JsonNode schema, JsonNode value) {
        List<Slot> all = new ArrayList<>();
        all.add(new Slot("", null, null, document.objectSchema(schema, value), value));
        collect("", schema, value, all, false);
        return all.stream().filter(s -> s.value().isObject())
                .map(s -> new Slot(s.pointer(), s.parent(), s.key(), document.objectSchema(s.schema(), s.value()),
                        s.value()))
                .toList();
    }

    private void collect(String pointer, JsonNode schema, JsonNode value, List<Slot> slots, boolean unused) {
        if (value.isObject()) {
            JsonNode objectSchema = document.objectSchema(schema, value);
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode child = document.resolve(objectSchema.path("properties").path(field.getKey()));
                String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                slots.add(new Slot(at, value, field.getKey(), child, field.getValue()));
                collect(at, child, field.getValue(), slots, unused);
            }
        } else if (value.isArray()) {
            JsonNode items = document.resolve(document.resolve(schema).path("items"));
            for (int i = 0; i < value.size(); i++) {
                slots.add(new Slot(pointer + "/" + i, value, i, items, value.get(i)));
                collect(pointer + "/" + i, items, value.get(i), slots, unused);
            }
        }
    }

    /** A value of another JSON type than the schema's, which no strict reader takes for it. */
    private JsonNode wrongType(JsonNode schema, JsonNode value) {
        String type = schema.path("type").asText(value.isTextual() ? "string" : value.isIntegralNumber() ? "integer"
                : value.isArray() ? "array" : value.isObject() ? "object" : "boolean");
        List<JsonNode> options = new ArrayList<>();
        switch (type) {
            case "string" -> {
                // A number or an array could be read as a date (epoch day, [y, m, d]): formatted strings get booleans.
                options.add(BooleanNode.valueOf(random.nextBoolean()));
                if (!schema.has("format")) {
                    options.add(IntNode.valueOf(random.nextInt()));
                    options.add(NODES.objectNode().put("zz", 1));
                    options.add(NODES.arrayNode().add(random.nextInt()));
                }
            }
            case "integer", "number" -> {
                options.add(TextNode.valueOf(String.valueOf(random.nextInt(100))));
                options.add(BooleanNode.valueOf(random.nextBoolean()));
                options.add(NODES.objectNode());
                options.add(NODES.arrayNode().add(1));
            }
            case "array" -> {
                options.add(TextNode.valueOf(word(4)));
                options.add(IntNode.valueOf(random.nextInt()));
                options.add(NODES.objectNode().put("zz", 1));
            }
            case "object" -> {
                options.add(TextNode.valueOf(word(4)));
                options.add(IntNode.valueOf(random.nextInt()));
                options.add(NODES.arrayNode().add(word(3)));
            }
            default -> {
                options.add(TextNode.valueOf(word(4)));
                options.add(NODES.objectNode());
            }
        }
        return options.get(random.nextInt(options.size()));
    }

    private FuzzRequest brokenJson(ApiOperation op, JsonNode schema, JsonNode value) {
        String text = write(value);
        boolean array = value.isArray();
        String broken;
        String what;
        switch (random.nextInt(9)) {
            case 0 -> {
                broken = text.substring(0, 1 + random.nextInt(text.length() - 1));
                what = "truncated";
            }
            case 1 -> {
                broken = text + (random.nextBoolean() ? " " + word(3) : array ? "]" : "}");
                what = "text-after-the-value";
            }
            case 2 -> {
                broken = duplicateKey(value);
                what = "duplicate-key";
            }
            case 3 -> {
                return withBody(op, "body.broken-json invalid-utf-8", JSON_TYPE, invalidUtf8(text));
            }
            case 4 -> {
                broken = text.replace('"', '\'');
                what = "single-quotes";
            }
            case 5 -> {
                broken = text.substring(0, text.length() - 1) + "," + text.substring(text.length() - 1);
                what = "trailing-comma";
            }
            case 6 -> {
                broken = "/* " + word(4) + " */ " + text;
                what = "comment";
            }
            case 7 -> {
                List<String> others = array ? List.of("{}", "\"" + word(3) + "\"", "42", "true", "null")
                        : List.of("[]", "[" + text + "]", "\"" + word(3) + "\"", "42", "true", "null");
                broken = others.get(random.nextInt(others.size()));
                what = "not-" + (array ? "an-array" : "an-object");
            }
            default -> {
                broken = random.nextBoolean() ? "" : " ".repeat(1 + random.nextInt(5));
                what = "empty";
            }
        }
        return withBody(op, "body.broken-json " + what, JSON_TYPE, utf8(broken));
    }

    /** The first object's first field named twice: readers disagree on which wins, so it is malformed. */
    private String duplicateKey(JsonNode value) {
        JsonNode object = value.isArray() ? value.get(0) : value;
        Map.Entry<String, JsonNode> first = object.fields().next();
        String text = write(value);
        int brace = text.indexOf('{');
        return text.substring(0, brace + 1) + write(TextNode.valueOf(first.getKey())) + ":" + write(first.getValue())
                + "," + text.substring(brace + 1);
    }

    /** Bytes that are not UTF-8 (0xFF and a lone continuation byte) inside the first string. */
    private static byte[] invalidUtf8(String text) {
        byte[] bytes = utf8(text);
        int quote = text.indexOf('"');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, quote + 1);
        out.write(0xFF);
        out.write(0x80);
        out.write(bytes, quote + 1, bytes.length - quote - 1);
        return out.toByteArray();
    }

    // ---- CSV bodies -----------------------------------------------------------------------------------------------

    private void csvKinds(ApiOperation op, ApiOperation.Body body, List<Supplier<FuzzRequest>> kinds) {
        for (int kind = 0; kind < 9; kind++) {
            int chosen = kind;
            kinds.add(() -> csv(op, body, chosen));
        }
    }

    private FuzzRequest csv(ApiOperation op, ApiOperation.Body body, int kind) {
        List<String> lines = example(body).asText().lines().filter(l -> !l.isBlank()).toList();
        List<String> header = new ArrayList<>(List.of(lines.get(0).split(",", -1)));
        List<String> row = new ArrayList<>(splitCsv(lines.get(1 + random.nextInt(lines.size() - 1))));
        String what;
        switch (kind) {
            case 0 -> {
                int i = random.nextInt(row.size());
                row.set(i, quote(withForbidden(unquote(row.get(i)))));
                what = "control-character " + header.get(i);
            }
            case 1 -> {
                row.add("\"" + word(5));
                header.add("note");
                what = "unclosed-quote";
            }
            case 2 -> {
                int i = random.nextInt(row.size());
                row.set(i, "\"" + word(3) + "\"" + word(2));
                what = "text-after-closing-quote " + header.get(i);
            }
            case 3 -> {
                header.add("zz" + word(6));
                row.add(word(3));
                what = "unknown-column";
            }
            case 4 -> {
                int i = header.indexOf("category");
                header.remove(i);
                row.remove(i);
                what = "missing-required-column category";
            }
            case 5 -> {
                row.set(header.indexOf("category"), "ZZ" + word(6).toUpperCase(Locale.ROOT));
                what = "bad-enum category";
            }
            case 6 -> {
                int i = header.indexOf("birthYear");
                List<String> bad = List.of(word(4), "1700", "2999", "19.5", "-1931");
                row.set(i, bad.get(random.nextInt(bad.size())));
                what = "bad-number birthYear";
            }
            case 7 -> {
                List<String> texts = List.of("hangulName", "placeOfOrigin", "placeTaken");
                String column = texts.get(random.nextInt(texts.size()));
                row.set(header.indexOf(column), word(301 + random.nextInt(2_000)));
                what = "huge-cell " + column;
            }
            default -> {
                row.add(word(3));
                what = "extra-cell";
            }
        }
        String text = String.join(",", header) + "\n" + String.join(",", row) + "\n";
        return withBody(op, "csv." + what, "text/csv", utf8(text));
    }

    private static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                cell.append(c);
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String unquote(String cell) {
        return cell.startsWith("\"") && cell.endsWith("\"") && cell.length() > 1
                ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
    }

    private static String quote(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    // ---- parameters -----------------------------------------------------------------------------------------------

    private List<Supplier<String>> badQueryValues(JsonNode schema) {
        List<Supplier<String>> values = new ArrayList<>();
        String type = schema.path("type").asText("string");
        if (schema.has("enum")) {
            values.add(() -> badEnum(schema));
        } else if ("uuid".equals(schema.path("format").asText())) {
            values.add(() -> badUuid(false));
        } else if (type.equals("integer")) {
            values.add(() -> String.valueOf(outOfRange(schema)));
            values.add(() -> List.of(word(3), "1.5", "1e2", "0x10", "12abc", "99999999999999999999")
                    .get(random.nextInt(6)));
        } else if (type.equals("boolean")) {
            values.add(() -> List.of("maybe", "yes", "1", "0", "tru", "falsey", "on", word(4)).get(random.nextInt(8)));
        } else if (type.equals("string")) {
            if (schema.has("maxLength")) {
                // Under 2,000 characters: an URL stays below the 4 KB a request line may have.
                values.add(() -> ascii(schema.get("maxLength").asInt() + 1
                        + random.nextInt(Math.max(1, 1_500 - schema.get("maxLength").asInt()))));
            }
            if (schema.has("pattern")) {
                values.add(() -> word(3) + List.of("!", ".", "~", "*", "(", "@").get(random.nextInt(6)) + word(3));
            }
        }
        return values;
    }

    private String validQueryValue(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size())).asText();
        }
        if ("uuid".equals(schema.path("format").asText())) {
            return uuid();
        }
        return switch (schema.path("type").asText("string")) {
            case "integer" -> String.valueOf(Math.max(schema.path("minimum").asInt(0), 1));
            case "boolean" -> "true";
            default -> word(4);
        };
    }

    private String badHeaderValue(JsonNode schema) {
        int max = schema.path("maxLength").asInt(200);
        String pattern = schema.path("pattern").asText("");
        List<Supplier<String>> options = new ArrayList<>();
        options.add(() -> "a".repeat(max + 1 + random.nextInt(500)));
        if (pattern.contains("[0-9]")) {
            options.add(() -> ascii(4));
            options.add(() -> "-" + (1 + random.nextInt(1000)));
            options.add(() -> random.nextInt(1000) + "." + random.nextInt(10));
        } else {
            options.add(() -> ascii(3) + " " + ascii(3));
            // A tab, not a non-ASCII letter: the JDK's client would send that as '?', which is a valid key.
            options.add(() -> ascii(3) + "\t" + ascii(2));
        }
        return options.get(random.nextInt(options.size())).get();
    }

    /** A string that no reading takes for a UUID, not even Java's lenient one. */
    private String badUuid(boolean blankToo) {
        String valid = uuid();
        int choice = random.nextInt(blankToo ? 7 : 6);
        return switch (choice) {
            case 0 -> word(1 + random.nextInt(40)) + "z";
            case 1 -> {
                int at = random.nextInt(valid.length());
                yield valid.substring(0, at) + "xyzg!".charAt(random.nextInt(5)) + valid.substring(at + 1);
            }
            case 2 -> valid + "0".repeat(1 + random.nextInt(20));
            case 3 -> withForbidden(valid);
            case 4 -> valid.replace("-", "");
            case 5 -> String.valueOf(random.nextInt(1_000_000));
            default -> " ".repeat(1 + random.nextInt(3));
        };
    }

    /** A value that is none of the enumeration's, in any case, with or without spaces. */
    private String badEnum(JsonNode schema) {
        return random.nextBoolean() ? "zz" + word(1 + random.nextInt(20)) : String.valueOf(random.nextInt(1000));
    }

    private Supplier<String> badFormat(JsonNode schema) {
        if (schema.has("enum")) {
            return () -> badEnum(schema);
        }
        return switch (schema.path("format").asText("")) {
            case "uuid" -> () -> badUuid(false);
            case "date" -> () -> List.of("2025-02-30", "2025-13-01", "01/02/2025", "yesterday", "2025-1-9", "20250109",
                    "2025-01-09T00:00:00Z").get(random.nextInt(7));
            case "date-time" -> () -> List.of("2025-01-09T25:00:00Z", "2025-01-09", "2025-01-09T06:00:00",
                    "09/01/2025 06:00", "now", "2025-02-30T06:00:00Z").get(random.nextInt(6));
            default -> null;
        };
    }

    private int outOfRange(JsonNode schema) {
        boolean below = schema.has("minimum") && (!schema.has("maximum") || random.nextBoolean()
                || schema.get("maximum").asLong() >= Integer.MAX_VALUE);
        if (below) {
            return (int) Math.max(Integer.MIN_VALUE, schema.get("minimum").asLong() - 1 - random.nextInt(1000));
        }
        return (int) Math.min(Integer.MAX_VALUE, schema.get("maximum").asLong() + 1 + random.nextInt(1000));
    }

    private String unacceptable(List<String> produces) {
        List<String> types = new ArrayList<>(List.of("application/xml", "text/html", "image/png", "application/pdf",
                "text/csv", "application/x-zz" + ascii(5), "text/zz-" + ascii(4)));
        types.removeAll(produces);
        return types.get(random.nextInt(types.size()));
    }

    private String foreignType(ApiOperation op) {
        List<String> types = new ArrayList<>(FOREIGN_TYPES);
        types.removeAll(op.bodies().keySet());
        return types.get(random.nextInt(types.size()));
    }

    // ---- building requests ----------------------------------------------------------------------------------------

    /** The operation's first body with a valid example (for requests broken elsewhere), or none. */
    private Body validBody(ApiOperation op) {
        for (Map.Entry<String, ApiOperation.Body> body : op.bodies().entrySet()) {
            if (!body.getValue().examples().isEmpty()) {
                return new Body(body.getKey(), exampleBytes(body.getKey(), body.getValue()));
            }
        }
        return null;
    }

    private record Body(String contentType, byte[] bytes) {
    }

    private FuzzRequest withBody(ApiOperation op, String mutation, String contentType, byte[] body) {
        return request(op, mutation, Map.of(), "", Map.of(), new Body(contentType, body));
    }

    private FuzzRequest request(ApiOperation op, String mutation, Map<String, String> badPath, String query,
            Map<String, String> headers, Body body) {
        String path = op.path();
        for (ApiOperation.Parameter p : op.parameters("path")) {
            String value = badPath.containsKey(p.name()) ? badPath.get(p.name())
                    : pathValues.getOrDefault(p.name(), uuid());
            path = path.replace("{" + p.name() + "}", encode(value));
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Accept", "application/json, application/problem+json, text/event-stream");
        return new FuzzRequest(mutation, op.method(), path, query, all, body == null ? null : body.contentType(),
                body == null ? null : body.bytes());
    }

    private byte[] exampleBytes(String type, ApiOperation.Body body) {
        JsonNode example = example(body);
        if (type.equals(JSON_TYPE)) {
            return utf8(write(singleItem(document.resolve(body.schema()), example)));
        }
        List<String> lines = example.asText().lines().filter(l -> !l.isBlank()).toList();
        if (type.equals("text/csv")) {
            return utf8(lines.get(0) + "\n" + lines.get(1) + "\n");
        }
        return utf8(lines.get(0) + "\n");
    }

    private byte[] oversized(String type, ApiOperation.Body body) {
        int size = bodyLimit + 1 + random.nextInt(64 * 1024);
        if (type.equals(JSON_TYPE)) {
            JsonNode value = singleItem(document.resolve(body.schema()), example(body));
            String text = write(value);
            int quote = text.indexOf("\":\"");
            if (quote > 0) {
                return utf8(text.substring(0, quote + 3) + "x".repeat(size) + text.substring(quote + 3));
            }
            return utf8(" ".repeat(size) + text);
        }
        // More rows (CSV) or lines (NDJSON) like the example's first, until the body is over the limit.
        String example = new String(exampleBytes(type, body), StandardCharsets.UTF_8);
        String line = type.equals("text/csv") ? example.substring(example.indexOf('\n') + 1) : example;
        StringBuilder text = new StringBuilder(example);
        text.append(line.repeat(size / line.length() + 1));
        return utf8(text.toString());
    }

    private JsonNode example(ApiOperation.Body body) {
        if (body.examples().isEmpty()) {
            throw new IllegalStateException("a request body without an example: the document must give one");
        }
        return body.examples().get(random.nextInt(body.examples().size()));
    }

    /** {@code text} with a character no field takes at a random place. */
    private String withForbidden(String text) {
        char c = FORBIDDEN.charAt(random.nextInt(FORBIDDEN.length()));
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + c + text.substring(at);
    }

    /** A random (version 4) UUID drawn from the seeded generator, so that runs repeat. */
    private String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private String ascii(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private String word(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return word.toString();
    }

    /** Percent-encodes everything but unreserved characters (RFC 3986), as UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String write(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an example that is not JSON", e);
        }
    }
}
