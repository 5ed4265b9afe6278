package org.homeward.stack.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.homeward.stack.OpenApiContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator alone, on the three committed documents: deterministic, and every request differs from valid. */
class MalformedRequestsTest {

    @org.junit.jupiter.api.BeforeAll
    static void docsAreTwoFoldersUp() {
        if (System.getProperty("homeward.docs.dir") == null) {
            System.setProperty("homeward.docs.dir", "../../docs");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake-v1.yaml", "cases-v1.yaml", "notifications-v1.yaml"})
    void everyOperationGetsAThousandRequestsTheSameForTheSameSeed(String name) {
        OpenApiDocument document = OpenApiDocument.read(OpenApiContract.committed(name));
        List<ApiOperation> operations = document.operations();
        assertFalse(operations.isEmpty());
        for (ApiOperation operation : operations) {
            assertFalse(operation.roles().isEmpty(), operation.name() + " names no role");
            List<FuzzRequest> first = new MalformedRequests(document, Map.of(), 64 * 1024, new Random(7))
                    .forOperation(operation, 1_000);
            List<FuzzRequest> second = new MalformedRequests(document, Map.of(), 64 * 1024, new Random(7))
                    .forOperation(operation, 1_000);
            assertEquals(1_000, first.size());
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).mutation(), second.get(i).mutation());
                assertEquals(first.get(i).path() + first.get(i).query(), second.get(i).path() + second.get(i).query());
                assertTrue(Arrays.equals(first.get(i).body(), second.get(i).body()));
            }
            Set<String> kinds = first.stream().map(FuzzRequest::kind).collect(Collectors.toSet());
            if (!operation.bodies().isEmpty()) {
                assertTrue(kinds.containsAll(Set.of("body.wrong-content-type", "body.oversized")),
                        operation.name() + ": " + kinds);
            }
            if (!operation.parameters("path").isEmpty()) {
                assertTrue(kinds.contains("path.bad-uuid"), operation.name() + ": " + kinds);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake-v1.yaml", "notifications-v1.yaml"})
    void jsonBodiesAreBrokenInEveryWayTheSchemaAllows(String name) {
        OpenApiDocument document = OpenApiDocument.read(OpenApiContract.committed(name));
        Set<String> kinds = document.operations().stream().filter(o -> o.bodies().containsKey("application/json"))
                .flatMap(o -> new MalformedRequests(document, Map.of(), 64 * 1024, new Random(3)).forOperation(o, 1_000)
                        .stream())
                .map(FuzzRequest::kind).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("body.wrong-type", "body.missing-required", "body.huge-string",
                "body.control-character", "body.bad-format", "body.deep-nesting", "body.broken-json")), kinds.toString());
    }
}
