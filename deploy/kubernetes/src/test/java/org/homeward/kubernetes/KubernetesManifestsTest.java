package org.homeward.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    /** The three services behind the partner API: each has a Kafka user, a consumer group and a database. */
    static final List<String> SERVICES = List.of("intake-service", "case-service", "notification-service");
    /** The advocate console: a web application in front of the services; no Kafka, no database. */
    static final String CONSOLE = "console";
    /** Everything deployed as a Deployment: the services and the console. */
    static final List<String> DEPLOYABLES = List.of("intake-service", "case-service", "notification-service", CONSOLE);
    /**
     * What the console must be given whatever its application.properties says (docs/deploy.md): the services' URLs,
     * its OIDC provider, client and client secret, and the key that encrypts its session cookie.
     */
    static final Set<String> CONSOLE_VARIABLES = Set.of("HOMEWARD_CONSOLE_INTAKE_URL", "HOMEWARD_CONSOLE_CASE_URL",
            "HOMEWARD_CONSOLE_NOTIFICATION_URL", "HOMEWARD_OIDC_URL", "QUARKUS_OIDC_CLIENT_ID",
            "QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET");
    /** Secret values each deployable reads, as variable -> Secret, each Secret written from an ExternalSecret. */
    static final Map<String, Map<String, String>> FROM_EXTERNAL_SECRETS = Map.of(
            "intake-service", Map.of("INTAKE_DB_PASSWORD", "intake-db-service",
                    "HOMEWARD_CRYPTO_EVENT_KEYS", "case-events-crypto",
                    "HOMEWARD_CRYPTO_EVENT_ACTIVE_KEY", "case-events-crypto"),
            "case-service", Map.of("CASES_DB_PASSWORD", "cases-db-service",
                    "HOMEWARD_CRYPTO_KEYS", "case-service-crypto",
                    "HOMEWARD_CRYPTO_ACTIVE_KEY", "case-service-crypto",
                    "HOMEWARD_CRYPTO_INDEX_KEY", "case-service-crypto",
                    "HOMEWARD_CRYPTO_EVENT_KEYS", "case-events-crypto",
                    "HOMEWARD_CRYPTO_EVENT_ACTIVE_KEY", "case-events-crypto"),
            "notification-service", Map.of("NOTIFICATIONS_DB_PASSWORD", "notifications-db-service",
                    "HOMEWARD_CRYPTO_KEYS", "notification-service-crypto",
                    "HOMEWARD_CRYPTO_ACTIVE_KEY", "notification-service-crypto",
                    "HOMEWARD_CRYPTO_INDEX_KEY", "notification-service-crypto",
                    "SMTP_USER", "homeward-smtp", "SMTP_PASSWORD", "homeward-smtp"),
            CONSOLE, Map.of("QUARKUS_OIDC_CREDENTIALS_SECRET", "console-oidc",
                    "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "console-oidc"));
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
            } else if (key.startsWith("monitoring.coreos.com/")) {
                prometheusOperator(object, problems);
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
                "walStorage", "description", "enableSuperuserAccess", "managed");
        spec.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(id + ": spec." + field + " is not a Cluster field Homeward uses (check the spelling)");
            }
        });
        Set<String> roleFields = Set.of("name", "ensure", "comment", "login", "superuser", "createdb", "createrole",
                "inherit", "replication", "bypassrls", "connectionLimit", "validUntil", "inRoles", "passwordSecret",
                "disablePassword");
        spec.path("managed").path("roles").forEach(role -> {
            if (role.path("name").asText().isEmpty()) {
                problems.add(id + ": a managed role needs a name");
            }
            role.fieldNames().forEachRemaining(field -> {
                if (!roleFields.contains(field)) {
                    problems.add(id + ": spec.managed.roles[]." + field + " is not a role field of CloudNativePG");
                }
            });
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
        assertEquals(new TreeSet<>(DEPLOYABLES), rendered.kind("Deployment").map(Rendered::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        List<String> problems = new ArrayList<>();
        rendered.kind("Deployment").forEach(deployment -> {
            String id = Rendered.id(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            require(pod.path("securityContext").path("runAsNonRoot").asBoolean(), id + ": runAsNonRoot", problems);
            require(!pod.path("automountServiceAccountToken").asBoolean(true), id + ": no service account token",
                    problems);
            require(Rendered.name(deployment).equals(pod.path("serviceAccountName").asText())
                    && rendered.find("ServiceAccount", Rendered.name(deployment)).isPresent(),
                    id + ": runs as its own ServiceAccount", problems);
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
        for (String service : DEPLOYABLES) {
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

    /**
     * Every API endpoint reaches its service on the API's host, every page of the console reaches the console on the
     * console's host, and neither host leads to the other's backends. Each route hangs on the listener of its host,
     * whose certificate names that host; the console's route keeps a browser on one console pod (its sessions are
     * in the pod's memory).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEndpointIsRoutedToItsService(String name) throws IOException {
        Rendered rendered = overlay(name);
        ObjectNode gateway = rendered.find("Gateway", "homeward").orElseThrow();
        Map<String, String> hostOfListener = new java.util.HashMap<>();
        gateway.at("/spec/listeners").forEach(l -> hostOfListener.put(l.path("name").asText(),
                l.path("hostname").asText()));
        String api = hostOfListener.get("https");
        String console = hostOfListener.get("console-https");
        assertTrue(api != null && console != null && !api.equals(console),
                "the API and the console have hosts of their own");
        // Each listener serves its host with a certificate for it.
        gateway.at("/spec/listeners").forEach(l -> {
            String secret = l.at("/tls/certificateRefs/0/name").asText();
            ObjectNode certificate = rendered.kind("Certificate").filter(c -> secret.equals(
                    c.at("/spec/secretName").asText())).findFirst().orElseThrow(() -> new AssertionError(
                    "no Certificate writes " + secret));
            assertTrue(certificate.at("/spec/dnsNames").toString().contains("\"" + l.path("hostname").asText() + "\""),
                    Rendered.id(certificate) + " names " + l.path("hostname").asText());
        });
        // Each route hangs on the listener of its host.
        rendered.kind("HTTPRoute").forEach(route -> route.at("/spec/parentRefs").forEach(parent -> {
            assertEquals("homeward", parent.path("name").asText(), Rendered.id(route));
            String listenerHost = hostOfListener.get(parent.path("sectionName").asText());
            route.at("/spec/hostnames").forEach(h -> assertEquals(listenerHost, h.asText(), Rendered.id(route)
                    + " on the listener of its host"));
        }));

        // host, method, an example path, the backend that answers it (the services' OpenAPI documents list them all);
        // null: nothing answers.
        List<String[]> endpoints = List.of(
                new String[] {api, "POST", "/api/v1/cases", "intake-service"},
                new String[] {api, "POST", "/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c/events", "intake-service"},
                new String[] {api, "POST", "/api/v1/events:batch", "intake-service"},
                new String[] {api, "POST", "/api/v1/cases:import", "intake-service"},
                new String[] {api, "GET", "/api/v1/cases", "case-service"},
                new String[] {api, "GET", "/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c/timeline", "case-service"},
                new String[] {api, "GET", "/api/v1/statistics", "case-service"},
                new String[] {api, "GET", "/api/v1/audit", "case-service"},
                new String[] {api, "POST", "/api/v1/subscriptions", "notification-service"},
                new String[] {api, "GET", "/api/v1/notifications/stream", "notification-service"},
                new String[] {api, "POST", "/api/v1/deliveries/1/retry", "notification-service"},
                new String[] {api, "GET", "/", null},
                new String[] {api, "GET", "/q/health", null},
                new String[] {console, "GET", "/", CONSOLE},
                new String[] {console, "GET", "/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c", CONSOLE},
                new String[] {console, "POST", "/subscriptions", CONSOLE},
                new String[] {console, "GET", "/api/v1/cases", CONSOLE},
                new String[] {console, "POST", "/api/v1/cases", CONSOLE});
        for (String[] endpoint : endpoints) {
            String host = endpoint[0];
            Set<String> backends = new TreeSet<>();
            rendered.kind("HTTPRoute").filter(route -> route.at("/spec/hostnames").toString()
                    .contains("\"" + host + "\"")).forEach(route -> route.at("/spec/rules").forEach(rule -> {
                boolean matches = false;
                for (JsonNode match : rule.path("matches")) {
                    String value = match.at("/path/value").asText();
                    boolean path = "RegularExpression".equals(match.at("/path/type").asText())
                            ? endpoint[2].matches(value) : endpoint[2].startsWith(value);
                    boolean method = !match.has("method") || endpoint[1].equals(match.path("method").asText());
                    matches |= path && method;
                }
                if (matches) {
                    rule.path("backendRefs").forEach(ref -> backends.add(ref.path("name").asText()));
                }
            }));
            String what = host + " " + endpoint[1] + " " + endpoint[2];
            if (endpoint[3] == null) {
                assertEquals(Set.of(), backends, what + " reaches nothing");
            } else {
                assertTrue(backends.contains(endpoint[3]), what + " reaches " + endpoint[3] + ", not only " + backends);
                if (host.equals(console)) {
                    assertEquals(Set.of(CONSOLE), backends, what + " reaches the console only");
                } else {
                    assertFalse(backends.contains(CONSOLE), what + ": the API's host never reaches the console");
                }
            }
        }

        // The console's sessions are in its pods' memory: every rule to it pins a browser to one pod (a cookie).
        rendered.kind("HTTPRoute").forEach(route -> route.at("/spec/rules").forEach(rule -> {
            if (rule.path("backendRefs").toString().contains("\"name\":\"" + CONSOLE + "\"")) {
                assertEquals("Cookie", rule.at("/sessionPersistence/type").asText(),
                        Rendered.id(route) + ": sticky sessions for the console");
            }
        }));
    }

    /**
     * The console reaches the three services at the URLs its ConfigMap names (their Services, on the ports the
     * services' pods listen on) and nothing else but DNS and the OIDC provider (no Kafka, no database, no private
     * address); only the Gateway reaches the console; each service admits the console.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleReachesOnlyTheServicesAndOnlyTheGatewayReachesIt(String name) {
        Rendered rendered = overlay(name);
        JsonNode container = rendered.find("Deployment", CONSOLE).orElseThrow().at("/spec/template/spec/containers/0");
        Map<String, String> config = configFromConfigMaps(rendered, container);
        Set<String> expectedEgress = new TreeSet<>(List.of("ns {} pod {k8s-app=kube-dns} 53/UDP",
                "ns {} pod {k8s-app=kube-dns} 53/TCP",
                "ip 0.0.0.0/0 except [10.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16] 443/TCP"));
        Map<String, String> urls = Map.of("HOMEWARD_CONSOLE_INTAKE_URL", "intake-service",
                "HOMEWARD_CONSOLE_CASE_URL", "case-service", "HOMEWARD_CONSOLE_NOTIFICATION_URL", "notification-service");
        urls.forEach((variable, service) -> {
            java.net.URI url = java.net.URI.create(config.getOrDefault(variable, ""));
            assertEquals("http", url.getScheme(), variable + " inside the cluster");
            assertEquals(service, url.getHost(), variable + " names the Service " + service);
            int port = url.getPort() == -1 ? 80 : url.getPort();
            int podPort = podPort(rendered, service, port);
            expectedEgress.add("pod {app.kubernetes.io/name=" + service + "} " + podPort + "/TCP");
            assertTrue(flows(rendered.find("NetworkPolicy", service).orElseThrow(), "ingress", "from")
                    .contains("pod {app.kubernetes.io/name=" + CONSOLE + "} " + podPort + "/TCP"),
                    service + " admits the console on " + podPort);
        });
        ObjectNode policy = rendered.find("NetworkPolicy", CONSOLE).orElseThrow();
        assertEquals(expectedEgress, flows(policy, "egress", "to"), "the console's egress");
        assertEquals(Set.of("ns {homeward.org/gateway=true} " + podPort(rendered, CONSOLE, 80) + "/TCP"),
                flows(policy, "ingress", "from"), "only the Gateway reaches the console");
        // No database admits it (each admits its service, its instances and the operator).
        rendered.kind("Cluster").forEach(cluster -> {
            Set<String> admitted = flows(rendered.find("NetworkPolicy", Rendered.name(cluster)).orElseThrow(),
                    "ingress", "from");
            assertFalse(admitted.stream().anyMatch(f -> f.contains("=" + CONSOLE + "}")),
                    Rendered.name(cluster) + " does not admit the console");
        });
    }

    /** The port a Service's port leads to on its pods (its targetPort, by name or number). */
    private static int podPort(Rendered rendered, String service, int servicePort) {
        JsonNode port = null;
        for (JsonNode p : rendered.find("Service", service).orElseThrow().at("/spec/ports")) {
            if (p.path("port").asInt() == servicePort) {
                port = p;
            }
        }
        assertTrue(port != null, "Service " + service + " has port " + servicePort);
        JsonNode target = port.path("targetPort");
        if (target.isInt()) {
            return target.asInt();
        }
        String targetName = target.isMissingNode() ? null : target.asText();
        for (JsonNode p : rendered.find("Deployment", service).orElseThrow()
                .at("/spec/template/spec/containers/0/ports")) {
            if (targetName == null ? p.path("containerPort").asInt() == servicePort
                    : targetName.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("Service " + service + " port " + servicePort + " leads to no container port");
    }

    /** A policy's ingress or egress as "peer port/protocol" lines (every peer of a rule with every port of it). */
    private static Set<String> flows(JsonNode policy, String direction, String peers) {
        Set<String> flows = new TreeSet<>();
        policy.path("spec").path(direction).forEach(rule -> rule.path(peers).forEach(peer -> {
            String who;
            if (peer.has("ipBlock")) {
                List<String> except = new ArrayList<>();
                peer.at("/ipBlock/except").forEach(e -> except.add(e.asText()));
                java.util.Collections.sort(except);
                who = "ip " + peer.at("/ipBlock/cidr").asText() + " except " + except;
            } else {
                who = (peer.has("namespaceSelector") ? "ns " + labels(peer.path("namespaceSelector")) : "")
                        + (peer.has("namespaceSelector") && peer.has("podSelector") ? " " : "")
                        + (peer.has("podSelector") ? "pod " + labels(peer.path("podSelector")) : "");
            }
            if (rule.path("ports").isEmpty()) {
                flows.add(who + " any");
            }
            rule.path("ports").forEach(p -> flows.add(who + " " + p.path("port").asText() + "/"
                    + p.path("protocol").asText("TCP")));
        }));
        return flows;
    }

    private static String labels(JsonNode selector) {
        Map<String, String> labels = new java.util.TreeMap<>();
        selector.path("matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceMayUseOnlyItsOwnTopicsAndGroup(String name) throws IOException {
        Rendered rendered = overlay(name);
        Set<String> topics = rendered.kind("KafkaTopic").map(Rendered::name).collect(Collectors.toSet());
        Map<String, Set<String>> expected = Map.of(
                "intake-service", union(groupReads("intake-service"), Set.of("topic case-events WRITE",
                        "topic case-events READ", "topic case-events DESCRIBE", "topic case-keys WRITE",
                        "topic case-keys DESCRIBE")),
                "case-service", union(groupReads("case-service"), Set.of("topic case-events READ",
                        "topic case-events DESCRIBE", "topic case-transitions WRITE",
                        "topic case-transitions DESCRIBE", "topic case-events-dlq WRITE",
                        "topic case-events-dlq DESCRIBE", "topic case-keys READ", "topic case-keys DESCRIBE",
                        "group " + CASE_KEYS_GROUP + " READ")),
                "notification-service", union(groupReads("notification-service"), Set.of(
                        "topic case-transitions READ", "topic case-transitions DESCRIBE",
                        "topic case-transitions-dlq WRITE", "topic case-transitions-dlq DESCRIBE")));
        assertEquals(new TreeSet<>(SERVICES), rendered.kind("KafkaUser").map(Rendered::name)
                .collect(Collectors.toCollection(TreeSet::new)), "a Kafka identity for each service, none for the console");
        for (String service : SERVICES) {
            Set<String> granted = granted(rendered, service);
            granted.stream().filter(g -> g.startsWith("topic ")).forEach(g -> assertTrue(
                    topics.contains(g.split(" ")[1]), g + " is a declared KafkaTopic"));
            assertEquals(expected.get(service), granted, service);
        }
    }

    /** What a service's KafkaUser is granted, as "topic NAME OPERATION" and "group NAME OPERATION". */
    private static Set<String> granted(Rendered rendered, String service) {
        KafkaUser user = (KafkaUser) StrictModel.read(rendered.find("KafkaUser", service).orElseThrow(() ->
                new AssertionError("no KafkaUser " + service)), new ArrayList<>());
        Set<String> granted = new TreeSet<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            assertTrue(rule.getOperation() == null, "v1 ACLs use operations, not the removed operation");
            String resource = rule.getResource() instanceof AclRuleTopicResource t ? "topic " + t.getName()
                    : "group " + ((io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource) rule.getResource()).getName();
            rule.getOperations().forEach(op -> granted.add(resource + " " + op));
        }
        return granted;
    }

    /** The Secret of the case-events key ring, the topic that carries the wrapped per-case keys, and its group. */
    static final String CASE_EVENTS_CRYPTO = "case-events-crypto";
    static final String CASE_KEYS_TOPIC = "case-keys";
    static final String CASE_KEYS_GROUP = "case-service-keys";

    /**
     * The data of case-events is sealed under per-case keys that travel, wrapped by the case-events key ring, on the
     * compacted topic case-keys: intake-service wraps and publishes them, case-service reads and unwraps them, and
     * nobody else holds the ring or may touch the topic (docs/deploy.md, docs/security.md). Compaction with no time
     * retention keeps each case's latest record for good: its key, or after an erasure the marker that it was
     * destroyed, so the wrapped key leaves the log.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyIntakeAndTheCaseServiceHoldTheCaseEventsKeyRing(String name) {
        Rendered rendered = overlay(name);
        Map<String, String> ringKeys = Map.of("HOMEWARD_CRYPTO_EVENT_KEYS", "keys",
                "HOMEWARD_CRYPTO_EVENT_ACTIVE_KEY", "active-key");
        for (String service : DEPLOYABLES) {
            ObjectNode deployment = rendered.find("Deployment", service).orElseThrow();
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            boolean holdsTheRing = service.equals("intake-service") || service.equals("case-service");
            if (holdsTheRing) {
                ringKeys.forEach((variable, key) -> {
                    JsonNode ref = env(container, variable).at("/valueFrom/secretKeyRef");
                    assertEquals(CASE_EVENTS_CRYPTO, ref.path("name").asText(), service + ": " + variable
                            + " from the Secret " + CASE_EVENTS_CRYPTO);
                    assertEquals(key, ref.path("key").asText(), service + ": " + variable + " is its " + key);
                });
            } else {
                assertFalse(references(deployment, "secretKeyRef", "secretRef", "secretName")
                        .contains(CASE_EVENTS_CRYPTO), service + " must not read " + CASE_EVENTS_CRYPTO);
                ringKeys.keySet().forEach(variable -> assertTrue(env(container, variable).isMissingNode(),
                        service + " must not have " + variable));
            }
            assertFalse(configFromConfigMaps(rendered, container).keySet().stream()
                    .anyMatch(ringKeys::containsKey), service + ": the case-events key ring is in no ConfigMap");
        }
        ObjectNode externalSecret = rendered.find("ExternalSecret", CASE_EVENTS_CRYPTO).orElseThrow(() ->
                new AssertionError("no ExternalSecret " + CASE_EVENTS_CRYPTO));
        assertEquals(CASE_EVENTS_CRYPTO, externalSecret.at("/spec/target/name").asText());
        assertEquals("homeward-secrets", externalSecret.at("/spec/secretStoreRef/name").asText());
        Map<String, String> remote = new java.util.TreeMap<>();
        externalSecret.at("/spec/data").forEach(d -> remote.put(d.path("secretKey").asText(),
                d.at("/remoteRef/key").asText() + "#" + d.at("/remoteRef/property").asText()));
        assertEquals(Map.of("keys", "homeward/case-events/crypto#keys",
                "active-key", "homeward/case-events/crypto#active-key"), remote, "what the ring is made of");
        assertEquals(1, rendered.kind("ExternalSecret").filter(e -> CASE_EVENTS_CRYPTO.equals(
                e.at("/spec/target/name").asText())).count(), "one ExternalSecret writes " + CASE_EVENTS_CRYPTO);

        ObjectNode topic = rendered.find("KafkaTopic", CASE_KEYS_TOPIC).orElseThrow(() ->
                new AssertionError("no KafkaTopic " + CASE_KEYS_TOPIC));
        assertEquals("compact", topic.at("/spec/config/cleanup.policy").asText(), "only each case's latest key");
        assertEquals("-1", topic.at("/spec/config/retention.ms").asText(), "kept for as long as case-events");

        Set<String> intake = granted(rendered, "intake-service");
        assertTrue(intake.contains("topic " + CASE_KEYS_TOPIC + " WRITE"), "intake publishes the case keys");
        assertFalse(intake.contains("topic " + CASE_KEYS_TOPIC + " READ"), "intake never reads the case keys back");
        Set<String> cases = granted(rendered, "case-service");
        assertTrue(cases.contains("topic " + CASE_KEYS_TOPIC + " READ"), "case-service reads the case keys");
        assertTrue(cases.contains("group " + CASE_KEYS_GROUP + " READ"), "with its group " + CASE_KEYS_GROUP);
        assertFalse(cases.contains("topic " + CASE_KEYS_TOPIC + " WRITE"), "case-service never writes a case key");
        assertFalse(granted(rendered, "notification-service").stream().anyMatch(g -> g.startsWith(
                "topic " + CASE_KEYS_TOPIC + " ")), "notification-service has no ACL on " + CASE_KEYS_TOPIC);
        assertTrue(rendered.find("KafkaUser", CONSOLE).isEmpty(), "the console has no Kafka identity");
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
        for (String service : DEPLOYABLES) {
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
     * the console signs people in with that same provider (its HOMEWARD_OIDC_URL is the services' issuer, taken from
     * the same ConfigMap) as its own client; the services that store sealed data take their crypto keys from a Secret,
     * never from a ConfigMap.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void tokensAreVerifiedAgainstTheOperatorsProviderAndCryptoKeysComeFromSecrets(String name) {
        Rendered rendered = overlay(name);
        Set<String> issuerConfigMaps = new TreeSet<>();
        for (String service : DEPLOYABLES) {
            ObjectNode deployment = rendered.find("Deployment", service).orElseThrow();
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            Map<String, String> config = configFromConfigMaps(rendered, container);
            if (SERVICES.contains(service)) {
                assertTrue(config.getOrDefault("HOMEWARD_JWT_KEYS", "").startsWith("https://"), service + " JWKS URL");
                assertTrue(config.getOrDefault("HOMEWARD_JWT_ISSUER", "").startsWith("https://"), service + " issuer");
                assertTrue(config.containsKey("HOMEWARD_JWT_ORGANISATION_CLAIM"), service + " organisation claim");
                container.path("envFrom").forEach(from -> rendered.find("ConfigMap",
                        from.path("configMapRef").path("name").asText()).filter(c -> c.at("/data/HOMEWARD_JWT_ISSUER")
                        .isTextual()).ifPresent(c -> issuerConfigMaps.add(Rendered.name(c))));
            } else {
                JsonNode oidcUrl = env(container, "HOMEWARD_OIDC_URL").at("/valueFrom/configMapKeyRef");
                assertEquals("HOMEWARD_JWT_ISSUER", oidcUrl.path("key").asText(),
                        service + ": HOMEWARD_OIDC_URL is the services' issuer");
                assertEquals(issuerConfigMaps, Set.of(oidcUrl.path("name").asText()),
                        service + ": the issuer from the ConfigMap the services read it from");
                assertTrue(rendered.find("ConfigMap", oidcUrl.path("name").asText()).orElseThrow()
                        .at("/data/HOMEWARD_JWT_ISSUER").asText().startsWith("https://"), service + " provider URL");
                JsonNode claim = env(container, "HOMEWARD_CONSOLE_OIDC_ORGANISATION_CLAIM").at("/valueFrom/configMapKeyRef");
                assertEquals("HOMEWARD_JWT_ORGANISATION_CLAIM", claim.path("key").asText(),
                        service + ": the organisation claim the services read");
                assertEquals(oidcUrl.path("name").asText(), claim.path("name").asText(), service + ": same ConfigMap");
                assertFalse(config.getOrDefault("QUARKUS_OIDC_CLIENT_ID", "").isBlank(), service + " OIDC client id");
            }
            boolean sealsData = service.equals("case-service") || service.equals("notification-service");
            for (String key : List.of("HOMEWARD_CRYPTO_KEYS", "HOMEWARD_CRYPTO_ACTIVE_KEY", "HOMEWARD_CRYPTO_INDEX_KEY")) {
                assertTrue(!config.containsKey(key), service + ": " + key + " must not be in a ConfigMap");
                boolean fromSecret = env(container, key).at("/valueFrom/secretKeyRef/name").asText()
                        .equals(service + "-crypto");
                assertEquals(sealsData, fromSecret, service + ": " + key + " from the Secret " + service + "-crypto");
            }
        }
    }

    /**
     * Nothing in the manifests is a secret: every secret value a service or the console reads (crypto keys, SMTP
     * credentials, the console's OIDC client secret and session key) comes from a Secret the External Secrets
     * Operator writes from the operator's store, never from a ConfigMap or a Secret in the manifests.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretValuesComeFromExternalSecrets(String name) {
        Rendered rendered = overlay(name);
        assertEquals(List.of(), rendered.kind("Secret").map(Rendered::id).toList(), "no Secret in the manifests");
        for (String service : DEPLOYABLES) {
            JsonNode container = rendered.find("Deployment", service).orElseThrow()
                    .at("/spec/template/spec/containers/0");
            Map<String, String> config = configFromConfigMaps(rendered, container);
            FROM_EXTERNAL_SECRETS.get(service).forEach((variable, secret) -> {
                assertFalse(config.containsKey(variable), service + ": " + variable + " must not be in a ConfigMap");
                JsonNode ref = env(container, variable).at("/valueFrom/secretKeyRef");
                assertEquals(secret, ref.path("name").asText(), service + ": " + variable + " from the Secret " + secret);
                ObjectNode externalSecret = rendered.kind("ExternalSecret").filter(e -> secret.equals(
                        e.at("/spec/target/name").asText())).findFirst().orElseThrow(() -> new AssertionError(
                        service + ": the Secret " + secret + " is written by an ExternalSecret"));
                Set<String> keys = new HashSet<>();
                externalSecret.at("/spec/data").forEach(d -> keys.add(d.path("secretKey").asText()));
                assertTrue(keys.contains(ref.path("key").asText()), service + ": " + variable + " reads key "
                        + ref.path("key").asText() + ", which " + Rendered.id(externalSecret) + " writes");
            });
        }
    }

    /**
     * Each service connects to its database as a role that owns nothing and migrates as the owner (docs/security.md,
     * "Audit"): the role is a managed, non-superuser login role of the service's Cluster named
     * {@code <database>_service}, whose password Secret is the one the service reads its user and password from, and
     * whose username is that role's name; the migration user and password are the owner's, from {@code <cluster>-app};
     * and the JDBC URL names the Cluster's read-write Service and database but no user (the operator's {@code jdbc-uri}
     * carries the owner's user and password, which pgjdbc would take over the configured ones).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceConnectsAsARoleThatOwnsNothingAndMigratesAsTheOwner(String name) {
        Rendered rendered = overlay(name);
        Map<String, String> prefixes = Map.of("intake-service", "INTAKE", "case-service", "CASES",
                "notification-service", "NOTIFICATIONS");
        for (String service : SERVICES) {
            String prefix = prefixes.get(service);
            JsonNode container = rendered.find("Deployment", service).orElseThrow()
                    .at("/spec/template/spec/containers/0");
            String url = env(container, prefix + "_DB_URL").path("value").asText();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z_]+)").matcher(url);
            assertTrue(m.matches(), service + ": " + prefix + "_DB_URL names the Cluster's -rw Service and database, "
                    + "and no user or password: " + url);
            String clusterName = m.group(1);
            String database = m.group(2);
            ObjectNode cluster = rendered.find("Cluster", clusterName).orElseThrow(() ->
                    new AssertionError(service + ": no Cluster " + clusterName));
            assertEquals(database, cluster.at("/spec/bootstrap/initdb/database").asText(), service + ": database");
            String owner = cluster.at("/spec/bootstrap/initdb/owner").asText();
            String roleName = database + "_service";
            assertNotEquals(owner, roleName, service + ": the service's role is not the owner");
            JsonNode role = stream(cluster.at("/spec/managed/roles"))
                    .filter(r -> roleName.equals(r.path("name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(clusterName + " manages no role " + roleName));
            assertEquals("present", role.path("ensure").asText(), roleName);
            assertTrue(role.path("login").asBoolean(), roleName + " logs in");
            for (String power : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
                assertFalse(role.path(power).asBoolean(false), roleName + " has no " + power);
            }
            String serviceSecret = role.at("/passwordSecret/name").asText();
            for (String part : List.of("USER", "PASSWORD")) {
                JsonNode ref = env(container, prefix + "_DB_" + part).at("/valueFrom/secretKeyRef");
                assertEquals(serviceSecret, ref.path("name").asText(), service + ": " + prefix + "_DB_" + part
                        + " from the role's Secret");
                JsonNode owners = env(container, prefix + "_DB_MIGRATION_" + part).at("/valueFrom/secretKeyRef");
                assertEquals(clusterName + "-app", owners.path("name").asText(), service + ": "
                        + prefix + "_DB_MIGRATION_" + part + " from the owner's Secret");
            }
            ObjectNode externalSecret = rendered.kind("ExternalSecret").filter(e -> serviceSecret.equals(
                    e.at("/spec/target/name").asText())).findFirst().orElseThrow(() -> new AssertionError(
                    serviceSecret + " is written by an ExternalSecret"));
            JsonNode template = externalSecret.at("/spec/target/template");
            assertEquals("kubernetes.io/basic-auth", template.path("type").asText(),
                    serviceSecret + ": the Secret type CloudNativePG reads a role's password from");
            assertEquals(roleName, template.at("/data/username").asText(), serviceSecret + ": the role's name");
            assertEquals("true", template.at("/metadata/labels/cnpg.io~1reload").asText(),
                    serviceSecret + ": CloudNativePG reloads a changed password");
        }
    }

    /** The value of a container's env entry of this name (a missing node when there is none). */
    private static JsonNode env(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable)) {
                return env;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** What a container reads from the ConfigMaps of its envFrom. */
    private static Map<String, String> configFromConfigMaps(Rendered rendered, JsonNode container) {
        Map<String, String> config = new java.util.HashMap<>();
        container.path("envFrom").forEach(from -> rendered.find("ConfigMap",
                from.path("configMapRef").path("name").asText()).ifPresent(c -> c.path("data").fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()))));
        return config;
    }

    static Set<String> requiredVariables(String service) throws IOException {
        Set<String> required = new TreeSet<>();
        Path file = Path.of(System.getProperty("homeward.root", "../.."), service,
                "src/main/resources/application.properties");
        if (service.equals(CONSOLE)) {
            // The console's contract holds even before (and whatever) its application.properties says.
            required.addAll(CONSOLE_VARIABLES);
            if (!Files.exists(file)) {
                return required;
            }
        }
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile("\\$\\{([A-Z0-9_]+)}");
        for (String line : Files.readAllLines(file)) {
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
        for (String service : DEPLOYABLES) {
            ObjectNode deployment = prod.find("Deployment", service).orElseThrow();
            assertEquals(3, deployment.at("/spec/replicas").asInt(), service);
            assertFalse(deployment.at("/spec/template/spec/affinity/podAntiAffinity").isMissingNode(), service);
            ObjectNode hpa = prod.find("HorizontalPodAutoscaler", service).orElseThrow();
            assertEquals(3, hpa.at("/spec/minReplicas").asInt(), service);
            assertTrue(hpa.at("/spec/maxReplicas").asInt() >= 3, service);
            if (SERVICES.contains(service)) {
                int partitions = prod.find("KafkaTopic", "case-events").orElseThrow().at("/spec/partitions").asInt();
                assertTrue(hpa.at("/spec/maxReplicas").asInt() <= partitions, "no idle consumer replicas");
            }
            ObjectNode pdb = prod.find("PodDisruptionBudget", service).orElseThrow();
            assertEquals(2, pdb.at("/spec/minAvailable").asInt(), service);
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
        for (String service : DEPLOYABLES) {
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

    // Monitoring (docs/operations.md): what Prometheus scrapes, the alerts and the dashboard.

    /** The alerts docs/operations.md explains, each with the metric it must read. */
    static final Map<String, String> ALERTS = Map.of(
            "HomewardConsumerLagHigh", "kafka_consumer_fetch_manager_records_lag",
            "HomewardOutboxStuck", "homeward_outbox_oldest_age_seconds",
            "HomewardDeliveriesDead", "homeward_deliveries_dead",
            "HomewardCriticalAlertUnacknowledged", "homeward_critical_alerts_unacknowledged_oldest_age_seconds",
            "HomewardCaseOnHold", "homeward_cases_on_hold");

    /**
     * The metric names the services' MetricsTests prove they expose (base/monitoring/exposed-metrics.txt, one
     * {@code service name} a line): the only names rules and dashboard may read.
     */
    static Set<String> exposedMetrics() throws IOException {
        Path file = Path.of(System.getProperty("homeward.kubernetes.dir", "."), "base/monitoring/exposed-metrics.txt");
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.strip().split("\\s+");
            if (!line.startsWith("#") && fields.length == 2) {
                assertTrue(SERVICES.contains(fields[0]), "exposed-metrics.txt names a service: " + line);
                names.add(fields[1]);
            }
        }
        return names;
    }

    /** The Prometheus Operator's objects: the kinds and fields Homeward uses, with sane values. */
    static void prometheusOperator(JsonNode object, List<String> problems) {
        String id = Rendered.id(object);
        String key = StrictModel.key(object);
        Set<String> known;
        if ("monitoring.coreos.com/v1/ServiceMonitor".equals(key)) {
            known = Set.of("selector", "endpoints", "namespaceSelector", "jobLabel");
            JsonNode endpoints = object.at("/spec/endpoints");
            if (!endpoints.isArray() || endpoints.isEmpty()) {
                problems.add(id + ": spec.endpoints names the port to scrape");
            }
            endpoints.forEach(e -> e.fieldNames().forEachRemaining(field -> {
                if (!Set.of("port", "path", "interval", "scrapeTimeout", "scheme").contains(field)) {
                    problems.add(id + ": endpoints[]." + field + " is not a field Homeward uses (check the spelling)");
                }
            }));
        } else if ("monitoring.coreos.com/v1/PrometheusRule".equals(key)) {
            known = Set.of("groups");
            object.at("/spec/groups").forEach(group -> group.path("rules").forEach(rule -> rule.fieldNames()
                    .forEachRemaining(field -> {
                        if (!Set.of("alert", "record", "expr", "for", "labels", "annotations").contains(field)) {
                            problems.add(id + ": rules[]." + field + " is not a rule field (check the spelling)");
                        }
                    })));
        } else {
            problems.add(id + ": only ServiceMonitor and PrometheusRule of monitoring.coreos.com/v1 are deployed");
            return;
        }
        object.path("spec").fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(id + ": spec." + field + " is not a field Homeward uses (check the spelling)");
            }
        });
    }

    /**
     * Each service has a ServiceMonitor that selects its Service by its labels and scrapes /q/metrics on a port the
     * Service names, which leads to the container's HTTP port; a NetworkPolicy lets the monitoring namespace reach
     * that port. The console serves no metrics and is not scraped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesEveryServicesMetricsAndMayReachThem(String name) {
        Rendered rendered = overlay(name);
        for (String service : SERVICES) {
            ObjectNode monitor = rendered.find("ServiceMonitor", service).orElseThrow(() ->
                    new AssertionError("no ServiceMonitor for " + service));
            ObjectNode svc = rendered.find("Service", service).orElseThrow();
            assertEquals(svc.path("metadata").path("namespace"), monitor.path("metadata").path("namespace"),
                    service + ": the ServiceMonitor sits in the Service's namespace");
            JsonNode selector = monitor.at("/spec/selector/matchLabels");
            assertFalse(selector.isEmpty(), service + ": the ServiceMonitor selects by labels");
            selector.fields().forEachRemaining(label -> assertEquals(label.getValue().asText(),
                    svc.at("/metadata/labels").path(label.getKey()).asText(),
                    service + ": the Service carries the label " + label.getKey()));
            rendered.kind("Service").filter(other -> !service.equals(Rendered.name(other))).forEach(other -> {
                boolean[] all = {true};
                selector.fields().forEachRemaining(label -> all[0] &= label.getValue().asText()
                        .equals(other.at("/metadata/labels").path(label.getKey()).asText()));
                assertFalse(all[0], service + "'s ServiceMonitor selects " + Rendered.id(other) + " too");
            });
            JsonNode endpoint = monitor.at("/spec/endpoints/0");
            assertEquals("/q/metrics", endpoint.path("path").asText(), service);
            JsonNode port = null;
            for (JsonNode p : svc.at("/spec/ports")) {
                if (p.path("name").asText().equals(endpoint.path("port").asText())) {
                    port = p;
                }
            }
            assertTrue(port != null, service + ": the Service has the port " + endpoint.path("port").asText());
            JsonNode container = rendered.find("Deployment", service).orElseThrow()
                    .at("/spec/template/spec/containers/0");
            int containerPort = -1;
            for (JsonNode p : container.path("ports")) {
                if (p.path("name").asText().equals(port.path("targetPort").asText())) {
                    containerPort = p.path("containerPort").asInt();
                }
            }
            assertTrue(containerPort > 0, service + ": the port leads to a named container port");
            int scraped = containerPort;
            boolean open = rendered.kind("NetworkPolicy").anyMatch(policy -> selects(policy, service)
                    && stream(policy.at("/spec/ingress")).anyMatch(rule -> stream(rule.path("from")).anyMatch(
                            from -> "true".equals(from.at("/namespaceSelector/matchLabels/homeward.org~1monitoring")
                                    .asText())) && stream(rule.path("ports")).anyMatch(
                            p -> p.path("port").asInt() == scraped)));
            assertTrue(open, service + ": the monitoring namespace may reach port " + scraped);
        }
        assertTrue(rendered.find("ServiceMonitor", CONSOLE).isEmpty(), "the console serves no metrics");
    }

    /**
     * Every alert of the PrometheusRules parses (brackets and strings close), reads only metrics the services expose,
     * waits or not as it means to, and says what it means (severity, summary, description, runbook); the five
     * alerts of docs/operations.md are there, each on its metric.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAlertParsesAndReadsOnlyExposedMetrics(String name) throws IOException {
        Set<String> exposed = exposedMetrics();
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> read = new java.util.HashMap<>();
        overlay(name).kind("PrometheusRule").forEach(rules -> rules.at("/spec/groups").forEach(group -> group
                .path("rules").forEach(rule -> {
                    String alert = rule.path("alert").asText();
                    Set<String> metrics = new TreeSet<>();
                    PromQl.check(rule.path("expr").asText(), metrics).forEach(p -> problems.add(alert + ": " + p));
                    if (metrics.isEmpty()) {
                        problems.add(alert + ": its expression reads no metric");
                    }
                    metrics.stream().filter(m -> !exposed.contains(m)).forEach(m -> problems.add(alert + " reads "
                            + m + ", which no service exposes (exposed-metrics.txt)"));
                    for (String field : List.of("/labels/severity", "/annotations/summary",
                            "/annotations/description", "/annotations/runbook")) {
                        if (rule.at(field).asText().isBlank()) {
                            problems.add(alert + ": no " + field.substring(1));
                        }
                    }
                    read.put(alert, metrics);
                })));
        assertEquals(List.of(), problems);
        ALERTS.forEach((alert, metric) -> assertTrue(read.getOrDefault(alert, Set.of()).contains(metric),
                alert + " reads " + metric));
    }

    /**
     * The dashboard is a ConfigMap the Grafana sidecar loads (label grafana_dashboard), its JSON parses, and every
     * panel's query (and the namespace variable's) parses and reads a metric the services expose.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDashboardParsesAndEveryPanelReadsAnExposedMetric(String name) throws IOException {
        Set<String> exposed = exposedMetrics();
        ObjectNode map = overlay(name).find("ConfigMap", "homeward-dashboard").orElseThrow(() ->
                new AssertionError("no dashboard ConfigMap"));
        assertEquals("1", map.at("/metadata/labels/grafana_dashboard").asText(), "the sidecar's label");
        JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(map.at("/data/homeward.json").asText());
        assertEquals("homeward", dashboard.path("uid").asText());
        List<String> problems = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            if (panel.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
            for (JsonNode target : panel.path("targets")) {
                queries++;
                Set<String> metrics = new TreeSet<>();
                PromQl.check(target.path("expr").asText(), metrics).forEach(p -> problems.add(title + ": " + p));
                if (metrics.isEmpty()) {
                    problems.add(title + ": its query reads no metric");
                }
                metrics.stream().filter(m -> !exposed.contains(m)).forEach(m -> problems.add(title + " reads " + m
                        + ", which no service exposes (exposed-metrics.txt)"));
            }
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            String query = variable.at("/query/query").asText();
            if (!query.isEmpty()) {
                String inner = query.replaceFirst("^label_values\\((.*),\\s*\\w+\\)$", "$1");
                PromQl.metrics(inner).stream().filter(m -> !exposed.contains(m)).forEach(m -> problems.add(
                        "variable " + variable.path("name").asText() + " reads " + m));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(queries >= 10, "the dashboard shows the metrics of docs/operations.md");
    }

    @Test
    void thePromQlCheckFindsTheMetricsAndRefusesBrokenExpressions() {
        assertEquals(Set.of("a_total", "b"), PromQl.metrics(
                "sum by (job, le) (rate(a_total{x=\"y(\", z=~\"1|2\"}[5m] offset 1h)) / on (job) group_left max(b) > 1e3"));
        assertEquals(List.of("'(' is never closed"), PromQl.check("sum(rate(a_total[5m])", new TreeSet<>()));
        assertFalse(PromQl.check("max(a{x=\"y})", new TreeSet<>()).isEmpty(), "a string that does not end");
        assertFalse(PromQl.check("max(a[5m)]", new TreeSet<>()).isEmpty(), "crossed brackets");
    }

    private static boolean selects(JsonNode policy, String service) {
        JsonNode selector = policy.at("/spec/podSelector");
        if (service.equals(selector.at("/matchLabels/app.kubernetes.io~1name").asText())) {
            return true;
        }
        return stream(selector.path("matchExpressions")).anyMatch(e -> "app.kubernetes.io/name".equals(
                e.path("key").asText()) && "In".equals(e.path("operator").asText())
                && stream(e.path("values")).anyMatch(v -> service.equals(v.asText())));
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
