package org.homeward.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One overlay as {@code kubectl kustomize} renders it: the objects a cluster would receive. */
final class Rendered {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final Path ROOT = Path.of(System.getProperty("homeward.kubernetes.dir", "."));

    private final String overlay;
    private final List<ObjectNode> objects;

    private Rendered(String overlay, List<ObjectNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    static Rendered overlay(String overlay) throws IOException, InterruptedException {
        Path dir = ROOT.resolve("overlays").resolve(overlay);
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            // Java 17 is all the README's test command needs; rendering the manifests needs kubectl (kustomize v5).
            // CI (CI=true, .ci/run installs it) never skips: there its absence is a failure.
            String why = "kubectl is not on the PATH: the Kubernetes manifests are not rendered or checked. Install "
                    + "kubectl with kustomize v5, or run .ci/run, which installs it.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why, notInstalled);
            }
            System.err.println("SKIPPED KubernetesManifestsTest: " + why);
            org.junit.jupiter.api.Assumptions.abort("SKIPPED: " + why);
            throw notInstalled; // not reached
        }
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
        }
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(out)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject()) {
                    objects.add((ObjectNode) doc);
                }
            }
        }
        return new Rendered(overlay, List.copyOf(objects));
    }

    String overlay() {
        return overlay;
    }

    List<ObjectNode> all() {
        return objects;
    }

    Stream<ObjectNode> kind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return kind(kind).filter(o -> name.equals(name(o))).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }
}
