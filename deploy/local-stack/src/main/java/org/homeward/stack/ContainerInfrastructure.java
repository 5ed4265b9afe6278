package org.homeward.stack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Kafka and PostgreSQL in containers, used where a Docker engine answers. */
final class ContainerInfrastructure implements Infrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static boolean dockerAvailable() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false; // spares Testcontainers' loud search for an engine that is not there
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName("postgres")
                .withUsername("homeward")
                .withPassword("homeward-test-only");
        java.util.stream.Stream.of(kafka, postgres).parallel().forEach(c -> c.start());
        return new ContainerInfrastructure(kafka, postgres);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String databaseUser() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }

    /** Pauses the Kafka container: its mapped port and data stay, requests hang as with an unreachable broker. */
    @Override
    public void interruptKafka() {
        DockerClientFactory.instance().client().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void resumeKafka() {
        DockerClientFactory.instance().client().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public boolean canPauseKafka() {
        return true;
    }

    @Override
    public void pauseKafka() {
        interruptKafka();
    }

    @Override
    public void pausePostgres() {
        DockerClientFactory.instance().client().pauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void resumePostgres() {
        var docker = DockerClientFactory.instance().client();
        Boolean paused = docker.inspectContainerCmd(postgres.getContainerId()).exec().getState().getPaused();
        if (Boolean.TRUE.equals(paused)) {
            docker.unpauseContainerCmd(postgres.getContainerId()).exec();
        }
    }

    /**
     * Stops the container (its data stays in the container). Docker may give a restarted container another host
     * port; {@link #startPostgres} refuses to go on if it did, since the services were told the old one.
     */
    @Override
    public void stopPostgres() {
        resumePostgres();
        DockerClientFactory.instance().client().stopContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void startPostgres() {
        var docker = DockerClientFactory.instance().client();
        if (Boolean.TRUE.equals(docker.inspectContainerCmd(postgres.getContainerId()).exec().getState().getRunning())) {
            return;
        }
        int before = postgres.getMappedPort(5432);
        docker.startContainerCmd(postgres.getContainerId()).exec();
        var ports = docker.inspectContainerCmd(postgres.getContainerId()).exec().getNetworkSettings().getPorts();
        var bindings = ports.getBindings().get(com.github.dockerjava.api.model.ExposedPort.tcp(5432));
        if (bindings == null || bindings.length == 0 || !Integer.toString(before).equals(bindings[0].getHostPortSpec())) {
            throw new IllegalStateException("PostgreSQL's container came back on another host port; use the embedded"
                    + " stack (HOMEWARD_STACK=embedded) for stop/start tests");
        }
    }

    @Override
    public String kind() {
        return "containers";
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
