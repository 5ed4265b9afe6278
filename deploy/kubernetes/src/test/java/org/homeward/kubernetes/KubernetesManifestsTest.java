package org.homeward.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders both overlays with {@code kubectl kustomize} and checks every object offline: core objects against
 * fabric8's Kubernetes model and Strimzi objects against Strimzi's model (strict: an unknown field fails),
 * CloudNativePG and cert-manager objects against the fields their documentation requires, and the invariants
 * docs/deploy.md promises.
 */
class KubernetesManifestsTest {

    static final List<String> SERVICES = List.of("intake-service", "case-service", "notification-service");
    static Rendered dev;
    static Rendered prod;

    @BeforeAll
    static void render() throws Exception {
        dev = Rendered.overlay("dev");
        prod = Rendered.overlay("prod");
    }

    static Rendered overlay(String name) {
        return name.equals("dev") ? dev : prod;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectFitsItsModelWithoutUnknownFields(String name) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : overlay(name).all()) {
            String key = StrictModel.key(object);
            if (key.startsWith("postgresql.cnpg.io/")) {
                cloudNativePg(object, problems);
            } else if (key.startsWith("cert-manager.io/")) {
                certManager(object, problems);
            } else if (key.startsWith("external-secrets.io/")) {
                externalSecret(object, problems);
            } else {
                StrictModel.read(object, problems);
            }
            if (object.path("metadata").path("namespace").isMissingNode()) {
                problems.add(Rendered.id(object) + ": no namespace");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** CloudNativePG's Cluster: the fields its documentation requires, with sane values. */
    static void cloudNativePg(JsonNode cluster, List<String> problems) {
        String id = Rendered.id(cluster);
        if (!"postgresql.cnpg.io/v1/Cluster".equals(StrictModel.key(cluster))) {
            problems.add(id + ": only postgresql.cnpg.io/v1 Cluster is deployed");
            return;
        }
        JsonNode spec = cluster.path("spec");
        if (spec.path("instances").asInt(0) < 1) {
            problems.add(id + ": spec.instances must be 1 or more");
        }
        if (spec.path("storage").path("size").asText().isEmpty() && spec.path("storage").path("pvcTemplate").isMissingNode()) {
            problems.add(id + ": spec.storage.size (or storage.pvcTemplate) is required");
        }
        JsonNode initdb = spec.path("bootstrap").path("initdb");
        if (initdb.path("database").asText().isEmpty() || initdb.path("owner").asText().isEmpty()) {
            problems.add(id + ": spec.bootstrap.initdb.database and owner name the application database and user");
        }
        Set<String> known = Set.of("instances", "imageName", "primaryUpdateStrategy", "storage", "bootstrap",
                "postgresql", "resources", "affinity", "minSyncReplicas", "maxSyncReplicas", "monitoring", "backup",
                "walStorage", "description", "enableSuperuserAccess");
        spec.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(id + ": spec." + field + " is not a Cluster field Homeward uses (check the spelling)");
            }
        });
    }

    /** cert-manager's Certificate: secretName, issuerRef.name and at least one DNS name. */
    static void certManager(JsonNode certificate, List<String> problems) {
        String id = Rendered.id(certificate);
        JsonNode spec = certificate.path("spec");
        if (!"cert-manager.io/v1/Certificate".equals(StrictModel.key(certificate))
                || spec.path("secretName").asText().isEmpty() || spec.path("issuerRef").path("name").asText().isEmpty()
                || !spec.path("dnsNames").isArray() || spec.path("dnsNames").isEmpty()) {
            problems.add(id + ": a cert-manager.io/v1 Certificate needs secretName, issuerRef.name and dnsNames");
        }
    }

    /** External Secrets' ExternalSecret: a store, a target Secret and what goes into it. */
    static void externalSecret(JsonNode externalSecret, List<String> problems) {
        String id = Rendered.id(externalSecret);
        JsonNode spec = externalSecret.path("spec");
        if (!"external-secrets.io/v1/ExternalSecret".equals(StrictModel.key(externalSecret))
                || spec.path("secretStoreRef").path("name").asText().isEmpty()
                || spec.path("target").path("name").asText().isEmpty() || !spec.path("data").isArray()
                || spec.path("data").isEmpty()) {
            problems.add(id + ": an external-secrets.io/v1 ExternalSecret needs secretStoreRef.name, target.name, data");
        }
        spec.path("data").forEach(item -> {
            if (item.path("secretKey").asText().isEmpty() || item.path("remoteRef").path("key").asText().isEmpty()) {
                problems.add(id + ": each data item needs secretKey and remoteRef.key");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsLockedDownWithProbesAndLimits(String name) {
        Rendered rendered = overlay(name);
        assertEquals(new TreeSet<>(SERVICES), rendered.kind("Deployment").map(Rendered::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        List<String> problems = new ArrayList<>();
        rendered.kind("Deployment").forEach(deployment -> {
            String id = Rendered.id(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            require(pod.path("securityContext").path("runAsNonRoot").asBoolean(), id + ": runAsNonRoot", problems);
            require(!pod.path("automountServiceAccountToken").asBoolean(true), id + ": no service account token",
                    problems);
            for (JsonNode container : pod.path("containers")) {
                String c = id + "/" + container.path("name").asText();
                JsonNode security = container.path("securityContext");
                require(security.path("readOnlyRootFilesystem").asBoolean(), c + ": read-only root filesystem", problems);
                require(!security.path("allowPrivilegeEscalation").asBoolean(true), c + ": no privilege escalation",
                        problems);
                require(security.path("capabilities").path("drop").toString().contains("ALL"), c + ": drops ALL",
                        problems);
                probe(container, "startupProbe", "/q/health/started", c, problems);
                probe(container, "readinessProbe", "/q/health/ready", c, problems);
                probe(container, "livenessProbe", "/q/health/live", c, problems);
                JsonNode resources = container.path("resources");
                require(!resources.path("requests").path("cpu").isMissingNode()
                        && !resources.path("requests").path("memory").isMissingNode()
                        && !resources.path("limits").path("memory").isMissingNode(),
                        c + ": cpu and memory requests and a memory limit", problems);
                String image = container.path("image").asText();
                require(image.contains("/") && image.matches(".+:[^:/]+") && !image.endsWith(":latest")
                        && !image.startsWith("homeward/"), c + ": image set by the overlay with a fixed tag: " + image,
                        problems);
            }
        });
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferencedSecretAndConfigMapExistsOrIsGeneratedByAnOperator(String name) {
        Rendered rendered = overlay(name);
        Set<String> secrets = new HashSet<>();
        Set<String> configMaps = new HashSet<>();
        rendered.kind("Secret").forEach(s -> secrets.add(Rendered.name(s)));
        rendered.kind("ConfigMap").forEach(c -> configMaps.add(Rendered.name(c)));
        // What the operators write: CloudNativePG <cluster>-app, Strimzi <kafka>-cluster-ca-cert and one Secret per
        // KafkaUser, cert-manager the Certificate's secretName, External Secrets the ExternalSecret's target.
        rendered.kind("Cluster").forEach(c -> secrets.add(Rendered.name(c) + "-app"));
        rendered.kind("Kafka").forEach(k -> secrets.add(Rendered.name(k) + "-cluster-ca-cert"));
        rendered.kind("KafkaUser").forEach(u -> secrets.add(Rendered.name(u)));
        rendered.kind("Certificate").forEach(c -> secrets.add(c.path("spec").path("secretName").asText()));
        rendered.kind("ExternalSecret").forEach(e -> secrets.add(e.path("spec").path("target").path("name").asText()));

        List<String> missing = new ArrayList<>();
        for (ObjectNode object : rendered.all()) {
            references(object, "secretKeyRef", "secretRef", "secretName").forEach(ref -> {
                if (!secrets.contains(ref)) {
                    missing.add(Rendered.id(object) + " -> Secret " + ref);
                }
            });
            references(object, "configMapKeyRef", "configMapRef", "configMap").forEach(ref -> {
                if (!configMaps.contains(ref)) {
                    missing.add(Rendered.id(object) + " -> ConfigMap " + ref);
                }
            });
        }
        rendered.kind("Gateway").forEach(g -> g.path("spec").path("listeners").forEach(l -> l.path("tls")
                .path("certificateRefs").forEach(ref -> {
                    if (!secrets.contains(ref.path("name").asText())) {
                        missing.add(Rendered.id(g) + " -> Secret " + ref.path("name").asText());
                    }
                })));
        assertEquals(List.of(), missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheFlowsOfTheArchitectureAreOpen(String name) {
        Rendered rendered = overlay(name);
        for (String service : SERVICES) {
            ObjectNode policy = rendered.find("NetworkPolicy", service).orElseThrow(() ->
                    new AssertionError("no NetworkPolicy for " + service));
            assertEquals(service, policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText());
            assertEquals("[\"Ingress\",\"Egress\"]", policy.at("/spec/policyTypes").toString(), service);
            assertTrue(rendered.find("Service", service).isPresent(), service + " has a Service");
        }
        for (ObjectNode cluster : rendered.kind("Cluster").toList()) {
            assertTrue(rendered.find("NetworkPolicy", Rendered.name(cluster)).isPresent(),
                    "database " + Rendered.name(cluster) + " has a NetworkPolicy");
        }
        ObjectNode kafka = rendered.find("Kafka", "homeward").orElseThrow();
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            assertTrue(listener.path("tls").asBoolean(), "Kafka listeners use TLS");
            assertEquals("tls", listener.at("/authentication/type").asText(), "clients authenticate");
            Set<String> peers = new TreeSet<>();
            listener.path("networkPolicyPeers").forEach(p -> peers.add(
                    p.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()));
            assertEquals(new TreeSet<>(SERVICES), peers, "only the services reach Kafka");
        }
        // Every route leads to a Service of the system.
        rendered.kind("HTTPRoute").forEach(route -> route.at("/spec/rules").forEach(rule -> rule.path("backendRefs")
                .forEach(ref -> assertTrue(rendered.find("Service", ref.path("name").asText()).isPresent(),
                        "route to " + ref.path("name").asText()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEndpointIsRoutedToItsService(String name) throws IOException {
        Rendered rendered = overlay(name);
        // method, an example path, the service that answers it (the services' OpenAPI documents list them all).
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/api/v1/cases", "intake-service"},
                new String[] {"POST", "/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c/events", "intake-service"},
                new String[] {"POST", "/api/v1/events:batch", "intake-service"},
                new String[] {"POST", "/api/v1/cases:import", "intake-service"},
                new String[] {"GET", "/api/v1/cases", "case-service"},
                new String[] {"GET", "/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c/timeline", "case-service"},
                new String[] {"GET", "/api/v1/statistics", "case-service"},
                new String[] {"GET", "/api/v1/audit", "case-service"},
                new String[] {"POST", "/api/v1/subscriptions", "notification-service"},
                new String[] {"GET", "/api/v1/notifications/stream", "notification-service"},
                new String[] {"POST", "/api/v1/deliveries/1/retry", "notification-service"});
        for (String[] endpoint : endpoints) {
            Set<String> backends = new TreeSet<>();
            rendered.kind("HTTPRoute").forEach(route -> route.at("/spec/rules").forEach(rule -> {
                boolean matches = false;
                for (JsonNode match : rule.path("matches")) {
                    String value = match.at("/path/value").asText();
                    boolean path = "RegularExpression".equals(match.at("/path/type").asText())
                            ? endpoint[1].matches(value) : endpoint[1].startsWith(value);
                    boolean method = !match.has("method") || endpoint[0].equals(match.path("method").asText());
                    matches |= path && method;
                }
                if (matches) {
                    rule.path("backendRefs").forEach(ref -> backends.add(ref.path("name").asText()));
                }
            }));
            assertTrue(backends.contains(endpoint[2]), endpoint[0] + " " + endpoint[1] + " reaches " + endpoint[2]
                    + ", not only " + backends);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceMayUseOnlyItsOwnTopicsAndGroup(String name) throws IOException {
        Rendered rendered = overlay(name);
        Set<String> topics = rendered.kind("KafkaTopic").map(Rendered::name).collect(Collectors.toSet());
        Map<String, Set<String>> expected = Map.of(
                "intake-service", union(groupReads("intake-service"), Set.of("topic case-events WRITE",
                        "topic case-events READ", "topic case-events DESCRIBE")),
                "case-service", union(groupReads("case-service"), Set.of("topic case-events READ",
                        "topic case-events DESCRIBE", "topic case-transitions WRITE",
                        "topic case-transitions DESCRIBE", "topic case-events-dlq WRITE",
                        "topic case-events-dlq DESCRIBE")),
                "notification-service", union(groupReads("notification-service"), Set.of(
                        "topic case-transitions READ", "topic case-transitions DESCRIBE",
                        "topic case-transitions-dlq WRITE", "topic case-transitions-dlq DESCRIBE")));
        for (String service : SERVICES) {
            KafkaUser user = (KafkaUser) StrictModel.read(rendered.find("KafkaUser", service).orElseThrow(),
                    new ArrayList<>());
            Set<String> granted = new HashSet<>();
            for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
                assertTrue(rule.getOperation() == null, "v1 ACLs use operations, not the removed operation");
                String resource = rule.getResource() instanceof AclRuleTopicResource t ? "topic " + t.getName()
                        : "group " + ((io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource) rule.getResource()).getName();
                rule.getOperations().forEach(op -> granted.add(resource + " " + op));
                if (resource.startsWith("topic ")) {
                    assertTrue(topics.contains(resource.substring(6)), resource + " is a declared KafkaTopic");
                }
            }
            assertEquals(expected.get(service), granted, service);
        }
    }

    @Test
    void theModelCheckRefusesWhatTheModelDoesNotKnow() throws IOException {
        JsonNode typo = Rendered.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, namespace: y}
                spec:
                  replicas: 1
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: r/x:1
                          readinessProbes: {}
                """);
        List<String> problems = new ArrayList<>();
        StrictModel.read(typo, problems);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("readinessProbes"), problems::toString);

        JsonNode strimziTypo = Rendered.YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t, namespace: y}
                spec: {partitions: 1, replica: 3}
                """);
        problems.clear();
        StrictModel.read(strimziTypo, problems);
        assertTrue(problems.toString().contains("replica"), problems::toString);
    }

    /**
     * Every environment variable a service's production configuration requires (a {@code ${NAME}} without a default
     * outside the %dev and %test profiles) is set by its Deployment, directly or through its ConfigMap: a missing one
     * would stop the pod at start.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableTheServicesRequireIsSet(String name) throws IOException {
        Rendered rendered = overlay(name);
        for (String service : SERVICES) {
            ObjectNode deployment = rendered.find("Deployment", service).orElseThrow();
            Set<String> set = new HashSet<>();
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            container.path("env").forEach(e -> set.add(e.path("name").asText()));
            container.path("envFrom").forEach(from -> {
                String configMap = from.path("configMapRef").path("name").asText();
                rendered.find("ConfigMap", configMap).ifPresent(c -> c.path("data").fieldNames().forEachRemaining(set::add));
            });
            Set<String> required = requiredVariables(service);
            required.removeAll(set);
            assertEquals(Set.of(), required, service + " requires these but its Deployment does not set them");
        }
    }

    /**
     * Every service verifies tokens of the operator's OIDC provider (issuer and JWKS URL over HTTPS from a ConfigMap);
     * the services that store sealed data take their crypto keys from a Secret, never from a ConfigMap.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void tokensAreVerifiedAgainstTheOperatorsProviderAndCryptoKeysComeFromSecrets(String name) {
        Rendered rendered = overlay(name);
        for (String service : SERVICES) {
            ObjectNode deployment = rendered.find("Deployment", service).orElseThrow();
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            Map<String, String> config = new java.util.HashMap<>();
            container.path("envFrom").forEach(from -> rendered.find("ConfigMap",
                    from.path("configMapRef").path("name").asText()).ifPresent(c -> c.path("data").fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()))));
            assertTrue(config.getOrDefault("HOMEWARD_JWT_KEYS", "").startsWith("https://"), service + " JWKS URL");
            assertTrue(config.getOrDefault("HOMEWARD_JWT_ISSUER", "").startsWith("https://"), service + " issuer");
            assertTrue(config.containsKey("HOMEWARD_JWT_ORGANISATION_CLAIM"), service + " organisation claim");
            boolean sealsData = !service.equals("intake-service");
            for (String key : List.of("HOMEWARD_CRYPTO_KEYS", "HOMEWARD_CRYPTO_ACTIVE_KEY", "HOMEWARD_CRYPTO_INDEX_KEY")) {
                assertTrue(!config.containsKey(key), service + ": " + key + " must not be in a ConfigMap");
                boolean fromSecret = false;
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").asText().equals(key)) {
                        fromSecret = env.at("/valueFrom/secretKeyRef/name").asText().equals(service + "-crypto");
                    }
                }
                assertEquals(sealsData, fromSecret, service + ": " + key + " from the Secret " + service + "-crypto");
            }
        }
    }

    static Set<String> requiredVariables(String service) throws IOException {
        Set<String> required = new TreeSet<>();
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile("\\$\\{([A-Z0-9_]+)}");
        for (String line : Files.readAllLines(Path.of(System.getProperty("homeward.root", "../.."), service,
                "src/main/resources/application.properties"))) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.startsWith("%dev.") || trimmed.startsWith("%test.")) {
                continue;
            }
            java.util.regex.Matcher matcher = reference.matcher(trimmed);
            while (matcher.find()) {
                required.add(matcher.group(1));
            }
        }
        return required;
    }

    @Test
    void prodIsHighlyAvailable() {
        for (String service : SERVICES) {
            ObjectNode deployment = prod.find("Deployment", service).orElseThrow();
            assertEquals(3, deployment.at("/spec/replicas").asInt(), service);
            assertFalse(deployment.at("/spec/template/spec/affinity/podAntiAffinity").isMissingNode(), service);
            ObjectNode hpa = prod.find("HorizontalPodAutoscaler", service).orElseThrow();
            assertEquals(3, hpa.at("/spec/minReplicas").asInt());
            int partitions = prod.find("KafkaTopic", "case-events").orElseThrow().at("/spec/partitions").asInt();
            assertTrue(hpa.at("/spec/maxReplicas").asInt() <= partitions, "no idle consumer replicas");
            ObjectNode pdb = prod.find("PodDisruptionBudget", service).orElseThrow();
            assertEquals(2, pdb.at("/spec/minAvailable").asInt());
        }
        prod.kind("Cluster").forEach(c -> assertEquals(3, c.at("/spec/instances").asInt(), Rendered.id(c)));
        assertEquals(3, prod.find("KafkaNodePool", "dual-role").orElseThrow().at("/spec/replicas").asInt());
        ObjectNode kafka = prod.find("Kafka", "homeward").orElseThrow();
        assertEquals(2, kafka.at("/spec/kafka/config/min.insync.replicas").asInt());
        assertEquals(3, kafka.at("/spec/kafka/config/default.replication.factor").asInt());
        prod.kind("KafkaTopic").forEach(t -> {
            assertEquals(3, t.at("/spec/replicas").asInt(), Rendered.id(t));
            assertEquals(2, t.at("/spec/config/min.insync.replicas").asInt(), Rendered.id(t));
        });
    }

    @Test
    void devIsSmall() {
        for (String service : SERVICES) {
            assertEquals(1, dev.find("Deployment", service).orElseThrow().at("/spec/replicas").asInt());
        }
        dev.kind("Cluster").forEach(c -> assertEquals(1, c.at("/spec/instances").asInt()));
        assertEquals(1, dev.find("KafkaNodePool", "dual-role").orElseThrow().at("/spec/replicas").asInt());
        assertTrue(dev.kind("HorizontalPodAutoscaler").findAny().isEmpty());
    }

    /** The consumer groups a service's application.properties configures, each as a granted READ. */
    static Set<String> groupReads(String service) throws IOException {
        Properties properties = new Properties();
        Path file = Path.of(System.getProperty("homeward.root", "../.."), service,
                "src/main/resources/application.properties");
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Set<String> groups = properties.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.incoming.")
                && k.endsWith(".group.id") && !k.startsWith("%")).map(properties::getProperty)
                .map(g -> "group " + g + " READ").collect(Collectors.toSet());
        if (groups.isEmpty()) {
            throw new AssertionError(service + " has no consumer group");
        }
        return groups;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void probe(JsonNode container, String probe, String path, String id, List<String> problems) {
        require(path.equals(container.path(probe).path("httpGet").path("path").asText()), id + ": " + probe + " on "
                + path, problems);
    }

    private static void require(boolean condition, String what, List<String> problems) {
        if (!condition) {
            problems.add(what);
        }
    }

    /** Names under the given fields anywhere in the object (e.g. every secretKeyRef.name). */
    private static List<String> references(JsonNode node, String... fields) {
        List<String> found = new ArrayList<>();
        collect(node, Set.of(fields), found);
        return found;
    }

    private static void collect(JsonNode node, Set<String> fields, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (fields.contains(e.getKey())) {
                    if (e.getValue().isTextual()) {
                        found.add(e.getValue().asText());
                    } else if (e.getValue().has("name")) {
                        found.add(e.getValue().path("name").asText());
                    }
                }
                collect(e.getValue(), fields, found);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, fields, found));
        }
    }
}
