package org.homeward.stack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.homeward.events.Topics;

/**
 * Starts the infrastructure the services need and prepares it: one database per service and the topics of the
 * contract (created explicitly; the broker does not auto-create). The one piece behind {@code ./homeward up}, the
 * services' component tests and the end-to-end tests.
 *
 * <p>Containers are used where a Docker engine answers, the embedded Kafka and PostgreSQL otherwise;
 * {@code HOMEWARD_STACK=embedded} or {@code =containers} forces the choice.
 */
public final class Stack {

    /** Partitions of the case topics on a local stack; the Kubernetes manifests choose their own. */
    static final int LOCAL_PARTITIONS = 3;

    private Stack() {
    }

    /** Starts and prepares the infrastructure. {@code dataDir} holds embedded data and logs. */
    public static Infrastructure start(Path dataDir, Path binariesDir, Ports ports) throws Exception {
        Infrastructure infrastructure = useContainers()
                ? ContainerInfrastructure.start()
                : EmbeddedInfrastructure.start(dataDir, binariesDir, ports);
        try {
            createDatabases(infrastructure);
            createTopics(infrastructure.kafkaBootstrapServers());
            return infrastructure;
        } catch (Exception e) {
            infrastructure.close();
            throw e;
        }
    }

    /** Like {@link #start}, on an empty data folder (a postmaster left running there is stopped first). */
    public static Infrastructure startFresh(Path dataDir, Path binariesDir, Ports ports) throws Exception {
        wipe(dataDir);
        return start(dataDir, binariesDir, ports);
    }

    /** Deletes a stack's data folder, stopping a PostgreSQL server still running on it. */
    public static void wipe(Path dataDir) throws java.io.IOException {
        EmbeddedPostgresServer.stopStalePostmaster(dataDir.resolve("postgres"));
        if (java.nio.file.Files.exists(dataDir)) {
            try (var paths = java.nio.file.Files.walk(dataDir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
        }
    }

    static boolean useContainers() {
        String forced = System.getenv().getOrDefault("HOMEWARD_STACK", "").toLowerCase(Locale.ROOT);
        return switch (forced) {
            case "embedded" -> false;
            case "containers" -> true;
            default -> ContainerInfrastructure.dockerAvailable();
        };
    }

    /**
     * The role a service connects to {@code database} as. It owns nothing there: the service's migrations run as the
     * stack's owner ({@link Infrastructure#databaseUser}) and grant it the rows only, as in production (docs/security.md,
     * "Audit").
     */
    public static String serviceRole(String database) {
        return database + "_service";
    }

    /**
     * The configuration that points a service at {@code database}: it connects as {@link #serviceRole} and runs its
     * migrations as {@code owner}. Quarkus runs Flyway with the owner's credentials only when both a user and a
     * password are set; the embedded server trusts loopback connections and checks no password, so any text serves
     * there.
     */
    public static Map<String, String> datasourceConfig(String jdbcUrl, String owner, String password, String database) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", serviceRole(database));
        config.put("quarkus.flyway.username", owner);
        config.put("quarkus.flyway.password", password.isEmpty() ? "trusted-loopback" : password);
        if (!password.isEmpty()) {
            config.put("quarkus.datasource.password", password);
        }
        return config;
    }

    private static void createDatabases(Infrastructure infrastructure) throws SQLException {
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("postgres"),
                infrastructure.databaseUser(), infrastructure.databasePassword())) {
            for (HomewardService service : HomewardService.values()) {
                if (service.database().isEmpty()) {
                    continue;
                }
                String database = service.database().get();
                try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database + " encoding 'UTF8' template template0");
                }
            }
            createServiceRoles(connection, infrastructure.databasePassword());
        }
    }

    private static void createServiceRoles(Connection connection, String password) throws SQLException {
        for (HomewardService service : HomewardService.values()) {
            if (service.database().isEmpty()) {
                continue;
            }
            String role = serviceRole(service.database().get());
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                exists.setString(1, role);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create role " + role + " login"
                        + (password.isEmpty() ? "" : " password '" + password.replace("'", "''") + "'"));
            }
        }
    }

    private static void createTopics(String bootstrapServers) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = List.of(
                    new NewTopic(Topics.CASE_EVENTS, LOCAL_PARTITIONS, (short) 1),
                    new NewTopic(Topics.CASE_TRANSITIONS, LOCAL_PARTITIONS, (short) 1),
                    new NewTopic(Topics.CASE_KEYS, LOCAL_PARTITIONS, (short) 1).configs(Map.of(
                            "cleanup.policy", "compact", "retention.ms", "-1")),
                    new NewTopic(Topics.CASE_EVENTS_DLQ, 1, (short) 1),
                    new NewTopic(Topics.CASE_TRANSITIONS_DLQ, 1, (short) 1));
            var result = admin.createTopics(topics);
            for (NewTopic topic : topics) {
                try {
                    result.values().get(topic.name()).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Kafka did not create topic " + topic.name() + " in 30 s", e);
                }
            }
        }
    }
}
