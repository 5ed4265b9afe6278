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
 * classes; the running stack is found through system properties so that it is started once, and it is held by the
 * copy of this class in the system class loader, which {@link #interruptKafka} and {@link #resumeKafka} reach from
 * any copy.
 */
public class HomewardTestStack implements QuarkusTestResourceLifecycleManager {

    private static final String KAFKA = "homeward.test-stack.kafka";
    private static final String JDBC = "homeward.test-stack.jdbc-pattern";
    private static final String USER = "homeward.test-stack.user";
    private static final String PASSWORD = "homeward.test-stack.password";
    private static final String CAN_PAUSE_KAFKA = "homeward.test-stack.can-pause-kafka";

    private static Infrastructure running;

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
        config.putAll(tokens().serviceConfig());
        config.putAll(LocalKeys.inFolder(Path.of("target", "test-keys")).serviceConfig());
        if (database != null) {
            config.putAll(Stack.datasourceConfig(jdbcUrl(database), System.getProperty(USER),
                    System.getProperty(PASSWORD), database));
        }
        return config;
    }

    @Override
    public void stop() {
        // The stack lives as long as the test JVM; a shutdown hook stops it.
    }

    /**
     * A bearer token for a caller at {@code organisation} with {@code roles}, signed by the key the services under test
     * verify with. Tests reach the API only with such tokens; no test switches security off.
     */
    public static String token(String organisation, String user, String... roles) {
        return tokens().mint(organisation, user, java.time.Duration.ofHours(1), roles);
    }

    /** The test issuer; its keys live in target/test-keys, shared by every test JVM of the module. */
    public static LocalTokens tokens() {
        return LocalTokens.inFolder(Path.of("target", "test-keys"));
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

    /** The role the service under test connects to {@code database} as (it owns nothing; the owner migrates). */
    public static String serviceUser(String database) {
        return Stack.serviceRole(database);
    }

    public static String databasePassword() {
        ensureStarted();
        return System.getProperty(PASSWORD);
    }

    /**
     * A Kafka outage for tests: the broker becomes unreachable at its address (embedded: stopped; containers: paused)
     * and keeps its data. {@link #resumeKafka} ends it. Tests that call this must resume Kafka before they end.
     */
    public static void interruptKafka() {
        inHolder("interruptKafkaHere");
    }

    /**
     * Ends {@link #interruptKafka} or {@link #pauseKafka}: the broker answers again on the same address, with every
     * topic and record.
     */
    public static void resumeKafka() {
        inHolder("resumeKafkaHere");
    }

    /**
     * A Kafka that stops answering without refusing: connections stay open, requests hang, and requests sent meanwhile
     * reach the broker once it continues (embedded: a proxy in front of the in-JVM broker stops moving bytes;
     * containers: the container is paused). {@link #resumeKafka} ends it; an {@link #interruptKafka} while paused drops
     * the held requests.
     */
    public static void pauseKafka() {
        inHolder("pauseKafkaHere");
    }

    /** Whether {@link #pauseKafka} is possible on this test stack. */
    public static boolean canPauseKafka() {
        ensureStarted();
        return Boolean.parseBoolean(System.getProperty(CAN_PAUSE_KAFKA));
    }

    /**
     * A PostgreSQL that stops answering without refusing (a stuck server, a partition): embedded, SIGSTOP to the
     * postmaster and all its backends; containers, the container is paused. {@link #resumePostgres} ends it. Tests that
     * call this must resume PostgreSQL before they end (in a {@code finally}), or every later test of the JVM hangs.
     */
    public static void pausePostgres() {
        inHolder("pausePostgresHere");
    }

    /** Ends {@link #pausePostgres} (SIGCONT); harmless when nothing is paused. */
    public static void resumePostgres() {
        inHolder("resumePostgresHere");
    }

    /**
     * A PostgreSQL outage that refuses: the server shuts down (fast: sessions end, new connections are refused) and
     * keeps its data. {@link #startPostgres} starts it again on the same port and data directory.
     */
    public static void stopPostgres() {
        inHolder("stopPostgresHere");
    }

    /** Ends {@link #stopPostgres}; harmless when PostgreSQL runs. */
    public static void startPostgres() {
        inHolder("startPostgresHere");
    }

    /** Public for {@link #inHolder} only. */
    public static void pauseKafkaHere() {
        ensureStartedHere();
        running.pauseKafka();
    }

    /** Public for {@link #inHolder} only. */
    public static void pausePostgresHere() {
        ensureStartedHere();
        running.pausePostgres();
    }

    /** Public for {@link #inHolder} only. */
    public static void resumePostgresHere() {
        ensureStartedHere();
        running.resumePostgres();
    }

    /** Public for {@link #inHolder} only. */
    public static void stopPostgresHere() {
        ensureStartedHere();
        running.stopPostgres();
    }

    /** Public for {@link #inHolder} only. */
    public static void startPostgresHere() {
        ensureStartedHere();
        running.startPostgres();
    }

    /** Public for {@link #inHolder} only. */
    public static void interruptKafkaHere() {
        ensureStartedHere();
        running.interruptKafka();
    }

    /** Public for {@link #inHolder} only. */
    public static void resumeKafkaHere() {
        ensureStartedHere();
        running.resumeKafka();
    }

    /** Public for {@link #inHolder} only. */
    public static void ensureStartedHere() {
        startOnce();
    }

    private static void ensureStarted() {
        if (System.getProperty(KAFKA) == null) {
            inHolder("ensureStartedHere");
        }
    }

    /** Runs a static method of this class's copy in the system class loader (the one that holds the stack). */
    private static void inHolder(String method) {
        Class<?> holder;
        try {
            holder = Class.forName(HomewardTestStack.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            holder = HomewardTestStack.class;
        }
        // Kafka's broker loads plugin classes through the context class loader: it must be the holder's.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(holder.getClassLoader());
        try {
            holder.getMethod(method).invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The test stack is not reachable: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static synchronized void startOnce() {
        if (running != null) {
            return;
        }
        if (System.getProperty(KAFKA) != null) {
            throw new IllegalStateException("The test stack was started by another class loader");
        }
        try {
            Path target = Path.of("target");
            Infrastructure stack = Stack.startFresh(target.resolve("test-stack"), target.resolve("pg-binaries"),
                    Ports.free());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.resumePostgres(); // a paused server would not stop
                stack.close();
            }, "homeward-test-stack-stop"));
            running = stack;
            System.setProperty(KAFKA, stack.kafkaBootstrapServers());
            System.setProperty(JDBC, stack.jdbcUrl("{db}"));
            System.setProperty(USER, stack.databaseUser());
            System.setProperty(PASSWORD, stack.databasePassword());
            System.setProperty(CAN_PAUSE_KAFKA, Boolean.toString(stack.canPauseKafka()));
        } catch (Exception e) {
            throw new IllegalStateException("The test stack did not start: " + e.getMessage(), e);
        }
    }
}
