package org.homeward.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The services' component tests run against this: a real Kafka broker and a real PostgreSQL (containers where Docker
 * answers, embedded otherwise), started once per test JVM on free ports and an empty folder under target/, stopped when
 * the JVM exits. Use with {@code @QuarkusTestResource(value = HomewardTestStack.class, initArgs =
 * @ResourceArg(name = "database", value = "cases"))}.
 *
 * <p>Quarkus may load this class again in another class loader when it restarts the application between test
 * classes; the running stack is found through system properties so that it is started once.
 */
public class HomewardTestStack implements QuarkusTestResourceLifecycleManager {

    private static final String KAFKA = "homeward.test-stack.kafka";
    private static final String JDBC = "homeward.test-stack.jdbc-pattern";
    private static final String USER = "homeward.test-stack.user";
    private static final String PASSWORD = "homeward.test-stack.password";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        ensureStarted();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", System.getProperty(KAFKA));
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
            config.put("quarkus.datasource.username", System.getProperty(USER));
            config.put("quarkus.datasource.password", System.getProperty(PASSWORD));
        }
        return config;
    }

    @Override
    public void stop() {
        // The stack lives as long as the test JVM; a shutdown hook stops it.
    }

    /** The Kafka bootstrap servers of the running test stack, starting it if needed. */
    public static String kafkaBootstrapServers() {
        ensureStarted();
        return System.getProperty(KAFKA);
    }

    public static String jdbcUrl(String database) {
        ensureStarted();
        return System.getProperty(JDBC).replace("{db}", database);
    }

    public static String databaseUser() {
        ensureStarted();
        return System.getProperty(USER);
    }

    public static String databasePassword() {
        ensureStarted();
        return System.getProperty(PASSWORD);
    }

    private static synchronized void ensureStarted() {
        if (System.getProperty(KAFKA) != null) {
            return;
        }
        try {
            Path target = Path.of("target");
            Infrastructure stack = Stack.startFresh(target.resolve("test-stack"), target.resolve("pg-binaries"),
                    Ports.free());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "homeward-test-stack-stop"));
            System.setProperty(KAFKA, stack.kafkaBootstrapServers());
            System.setProperty(JDBC, stack.jdbcUrl("{db}"));
            System.setProperty(USER, stack.databaseUser());
            System.setProperty(PASSWORD, stack.databasePassword());
        } catch (Exception e) {
            throw new IllegalStateException("The test stack did not start: " + e.getMessage(), e);
        }
    }
}
